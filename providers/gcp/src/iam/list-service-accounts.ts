import type { Resource } from '@escher/protocol';
import type { GcpContext } from '../context.ts';
import { pages } from '../paging.ts';
import { normaliseServiceAccount } from './normalise-service-account.ts';

/** The IAM maximum page size for service accounts. */
const PAGE_SIZE = 100;

/** Every service account of the project: `serviceAccounts.list`. */
export async function* listServiceAccounts(ctx: GcpContext): AsyncGenerator<Resource[]> {
  const iam = await ctx.clients.iam();
  const fetch = async (pageToken: string | undefined) => {
    const { data } = await iam.projects.serviceAccounts.list({
      name: `projects/${ctx.project}`,
      pageSize: PAGE_SIZE,
      pageToken,
    });
    return { items: data.accounts ?? [], next: data.nextPageToken };
  };
  for await (const page of pages(ctx, { service: 'iam', operation: 'projects.serviceAccounts.list' }, fetch))
    yield page.map((record) => normaliseServiceAccount(record, ctx.project));
}
