import { createHash } from 'node:crypto';
import { paginate } from '../../core/paginate.ts';
import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { xmlList } from '../protocol/xml.ts';
import { s3Xml } from './s3-http.ts';

/** The account's canonical user id (S3's Owner.ID), stable per account. */
export function canonicalId(account: string): string {
  return createHash('sha256').update(`escher-sim:${account}`).digest('hex');
}

/** S3 ListBuckets: `GET /` with optional max-buckets (1–10000), continuation-token, prefix, bucket-region. */
export const listBuckets: AwsOperation = {
  name: 'ListBuckets',
  handle: (call) => {
    const q = call.req.query;
    const prefix = q.get('prefix') ?? undefined;
    const region = q.get('bucket-region') ?? undefined;
    const rawMax = q.get('max-buckets');
    const max = rawMax === null ? undefined : Number(rawMax);
    if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 10_000)) {
      throw new AwsError('InvalidArgument', 'Argument max-buckets must be an integer between 1 and 10000.');
    }
    const all = [...call.account.s3.buckets.values()]
      .filter((b) => (!prefix || b.name.startsWith(prefix)) && (!region || b.region === region))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    // Without max-buckets S3 returns every bucket in one answer.
    const page =
      max === undefined && q.get('continuation-token') === null
        ? { items: all, nextToken: undefined }
        : paginate(
            all,
            {
              token: q.get('continuation-token') ?? undefined,
              requested: max,
              defaultSize: 10_000,
              maxSize: 10_000,
            },
            call.sim.faults.current.pagination,
          );
    return s3Xml('ListAllMyBucketsResult', {
      Owner: { DisplayName: call.account.alias, ID: canonicalId(call.account.id) },
      Buckets: xmlList(
        'Bucket',
        page.items.map((b) => ({
          Name: b.name,
          CreationDate: new Date(b.createdAt),
          BucketRegion: b.region,
          BucketArn: `arn:aws:s3:::${b.name}`,
        })),
      ),
      ContinuationToken: page.nextToken,
      Prefix: prefix,
    });
  },
};
