import type { sqladmin_v1 } from '@googleapis/sqladmin';
import { UserError } from '@escher/protocol';
import type { GcpContext } from '../../context.ts';
import { mutate, read, type ApiCall } from './call.ts';
import { pollUntilDone } from './poll.ts';

type Operation = sqladmin_v1.Schema$Operation;

/**
 * Makes one Cloud SQL Admin mutating call and waits for its operation (`operations.get` until
 * DONE, each poll through the gate). A DONE operation with `error` throws with Cloud SQL's error
 * codes in the message.
 */
export async function sqlChange(
  ctx: GcpContext,
  call: ApiCall,
  what: string,
  run: (sql: sqladmin_v1.Sqladmin) => Promise<{ data: Operation }>,
): Promise<Operation> {
  const sql = await ctx.clients.sql();
  const started = (await mutate(ctx, call, () => run(sql))).data;
  const op = await pollUntilDone<Operation>(
    async () => {
      if (started.status === 'DONE') return { done: true, value: started };
      const poll = { service: 'sqladmin', operation: 'operations.get' };
      const current = (
        await read(ctx, poll, () =>
          sql.operations.get({ project: ctx.project, operation: started.name ?? '' }),
        )
      ).data;
      return { done: current.status === 'DONE', value: current };
    },
    what,
    ctx.signal,
  );
  const errors = op.error?.errors ?? [];
  if (errors.length)
    throw new UserError(
      'gcp-operation-failed',
      `${what} failed in Cloud SQL: ${errors.map((e) => `${e.code ?? 'ERROR'}: ${e.message ?? ''}`).join('; ')}`,
      {
        details: { operation: op.name },
        hint: 'Check the instance and the request; Cloud SQL refused the change',
      },
    );
  return op;
}
