import type { Resource } from '@escher/protocol';
import type { GcpContext } from '../context.ts';
import { pages } from '../paging.ts';
import { normaliseSqlInstance } from './normalise-sql-instance.ts';

const PAGE_SIZE = 500;

/** Every Cloud SQL instance of the project: `instances.list` (Cloud SQL Admin v1). */
export async function* listSqlInstances(ctx: GcpContext): AsyncGenerator<Resource[]> {
  const sql = await ctx.clients.sql();
  const fetch = async (pageToken: string | undefined) => {
    const { data } = await sql.instances.list({ project: ctx.project, maxResults: PAGE_SIZE, pageToken });
    return { items: data.items ?? [], next: data.nextPageToken };
  };
  for await (const page of pages(ctx, { service: 'sqladmin', operation: 'instances.list' }, fetch))
    yield page.map((record) => normaliseSqlInstance(record, ctx.project));
}
