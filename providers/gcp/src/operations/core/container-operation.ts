import type { protos } from '@google-cloud/container';
import { UserError } from '@escher/protocol';
import type { GcpContext } from '../../context.ts';
import { mutate, read, type ApiCall } from './call.ts';
import { pollUntilDone } from './poll.ts';

type Operation = protos.google.container.v1.IOperation;

/** `DONE` as the JSON transport gives it, or its enum number. */
function isDone(status: unknown): boolean {
  return status === 'DONE' || status === 3;
}

/**
 * Makes one GKE mutating call and waits for its operation (`operations.get` on
 * `projects/p/locations/l/operations/o` until DONE, each poll gated). GKE runs one operation per
 * cluster at a time and refuses another with 400 FAILED_PRECONDITION, surfaced as is.
 */
export async function containerChange(
  ctx: GcpContext,
  location: string,
  call: ApiCall,
  what: string,
  run: () => Promise<readonly [Operation, ...unknown[]]>,
): Promise<Operation> {
  const client = await ctx.clients.clusters();
  const [started] = await mutate(ctx, call, run);
  const name = `projects/${ctx.project}/locations/${location}/operations/${started.name ?? ''}`;
  const op = await pollUntilDone<Operation>(
    async () => {
      if (isDone(started.status)) return { done: true, value: started };
      const poll = { service: 'container', operation: 'projects.locations.operations.get' };
      const [current] = await read(ctx, poll, () => client.getOperation({ name }));
      return { done: isDone(current.status), value: current };
    },
    what,
    ctx.signal,
  );
  if (op.error?.code || op.error?.message)
    throw new UserError(
      'gcp-operation-failed',
      `${what} failed in GKE: ${op.error.message ?? `code ${op.error.code}`}`,
      {
        details: { operation: op.name },
        hint: 'Check the cluster; GKE refused or aborted the change',
      },
    );
  return op;
}
