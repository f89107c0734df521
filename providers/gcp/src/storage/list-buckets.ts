import type { Resource } from '@escher/protocol';
import { mapLimit } from '@escher/provider-api';
import type { GcpContext } from '../context.ts';
import { pages } from '../paging.ts';
import { getBucketPublicMembers } from './get-bucket-iam-policy.ts';
import { normaliseBucket } from './normalise-bucket.ts';

const PAGE_SIZE = 1000;
/** IAM policy reads in flight per page; the gate still paces each one. */
const POLICY_CONCURRENCY = 8;

/** Every bucket of the project (`buckets.list`), each with its IAM policy's public members. */
export async function* listBuckets(ctx: GcpContext): AsyncGenerator<Resource[]> {
  const storage = await ctx.clients.storage();
  const fetch = async (pageToken: string | undefined) => {
    const [items, , response] = await storage.getBuckets({
      project: ctx.project,
      maxResults: PAGE_SIZE,
      autoPaginate: false,
      ...(pageToken ? { pageToken } : {}),
    });
    return { items, next: (response as { nextPageToken?: string } | undefined)?.nextPageToken };
  };
  for await (const page of pages(ctx, { service: 'storage', operation: 'buckets.list' }, fetch)) {
    const members = await mapLimit(page, POLICY_CONCURRENCY, (b) => getBucketPublicMembers(ctx, b));
    yield page.map((bucket, i) => normaliseBucket(bucket.metadata, ctx.project, members[i]!));
  }
}
