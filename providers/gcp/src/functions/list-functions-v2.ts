import type { protos } from '@google-cloud/functions';
import type { GcpContext } from '../context.ts';
import { pages } from '../paging.ts';
import { failOnUnreachable } from './unreachable.ts';

type Function = protos.google.cloud.functions.v2.IFunction;

const PAGE_SIZE = 1000;

/** Every function of the project, both generations, in every region: v2 `functions.list` on `locations/-`. */
export async function* listFunctionsV2(ctx: GcpContext): AsyncGenerator<Function[]> {
  const client = await ctx.clients.functionsV2();
  yield* pages<Function>(
    ctx,
    { service: 'cloudfunctions', operation: 'projects.locations.functions.list' },
    async (pageToken) => {
      const [items, , response] = await client.listFunctions(
        {
          parent: `projects/${ctx.project}/locations/-`,
          pageSize: PAGE_SIZE,
          ...(pageToken ? { pageToken } : {}),
        },
        { autoPaginate: false },
      );
      failOnUnreachable(ctx, response?.unreachable);
      return { items, next: response?.nextPageToken };
    },
  );
}
