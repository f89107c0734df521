import { ListBucketsCommand, type Bucket } from '@aws-sdk/client-s3';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { paginate } from '../core/paginate.ts';

/** S3 ListBuckets, 1,000 a page (S3 reports each bucket's region since 2024). */
export function listBuckets(ctx: AwsContext): AsyncGenerator<Bucket[]> {
  return paginate(async (ContinuationToken) => {
    const out = await call(ctx, { service: 's3', operation: 'ListBuckets' }, (o) =>
      ctx.clients.s3.send(new ListBucketsCommand({ MaxBuckets: 1000, ContinuationToken }), o),
    );
    return { items: out.Buckets, next: out.ContinuationToken };
  });
}
