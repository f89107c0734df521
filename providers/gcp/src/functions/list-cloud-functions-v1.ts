import type { protos } from '@google-cloud/functions';
import type { GcpContext } from '../context.ts';
import { pages } from '../paging.ts';
import { failOnUnreachable } from './unreachable.ts';

type CloudFunction = protos.google.cloud.functions.v1.ICloudFunction;

const PAGE_SIZE = 1000;

/** Every 1st gen function of the project in every region: v1 `functions.list` on `locations/-`. */
export async function* listCloudFunctionsV1(ctx: GcpContext): AsyncGenerator<CloudFunction[]> {
  const client = await ctx.clients.functionsV1();
  yield* pages<CloudFunction>(
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
