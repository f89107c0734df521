import { isDeepStrictEqual } from 'node:util';
import { UserError } from '@escher/protocol';
import { labelsOf } from '../../names.ts';
import { mutate } from '../core/call.ts';
import { pollUntilDone } from '../core/poll.ts';
import { functionRef } from '../core/target.ts';
import { getFunctionV2 } from '../refresh/service-readers.ts';
import type { LabelWriter } from './label-writer.ts';

/** What the functions clients' long-running calls resolve to (a gax Operation), as far as used. */
interface LongRunning {
  name?: string | null;
  done?: boolean | null;
  error?: { code?: number; message?: string } | null;
}

/**
 * Labels of a Cloud Function: `functions.patch` with `updateMask=labels` (the whole map). 1st gen
 * functions go through the v1 API, which owns them; 2nd gen through v2.
 *
 * The patch is a long-running operation, but its `operations.get` is not polled through the SDK:
 * the v1 and v2 clients share one cached proto root in google-gax and each constructor rewrites
 * the GetOperation HTTP rule in it, so whichever client was built last cannot poll the other's
 * operations ("Cannot build HTTP request"). Instead the function itself is re-read (gated) until
 * it shows the new labels and is no longer deploying; an error in the operation as answered
 * still throws.
 */
export const functionLabelWriter: LabelWriter = {
  async read(ctx, target) {
    const record = await getFunctionV2(ctx, functionRef(target).name);
    return { labels: labelsOf(record.labels), gen1: record.environment === 'GEN_1' };
  },
  async write(ctx, target, change, current) {
    const { name } = functionRef(target);
    const what = `labels of function ${name.split('/').pop()}`;
    const call = { service: 'cloudfunctions', operation: 'projects.locations.functions.patch' };
    const request = { function: { name, labels: change.next }, updateMask: { paths: ['labels'] } };
    const [op] = current.gen1
      ? await mutate(ctx, call, async () => (await ctx.clients.functionsV1()).updateFunction(request))
      : await mutate(ctx, call, async () => (await ctx.clients.functionsV2()).updateFunction(request));
    const started = op as LongRunning;
    if (started.error && (started.error.code || started.error.message))
      throw new UserError(
        'gcp-operation-failed',
        `${what} failed in Cloud Functions: ${started.error.message ?? ''}`,
        {
          hint: 'Check the function; Cloud Functions refused the change',
        },
      );
    if (started.done) return;
    await pollUntilDone(
      async () => {
        const record = await getFunctionV2(ctx, name);
        const applied =
          isDeepStrictEqual(labelsOf(record.labels), change.next) && record.state !== 'DEPLOYING';
        return { done: applied, value: undefined };
      },
      what,
      ctx.signal,
    );
  },
};
