import { GetBucketVersioningCommand, type S3Client } from '@aws-sdk/client-s3';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

export interface BucketVersioning {
  /** `Enabled`, `Suspended`, or `Disabled` when versioning was never turned on. */
  status: 'Enabled' | 'Suspended' | 'Disabled';
  mfaDelete: boolean;
}

/** S3 GetBucketVersioning. */
export async function getBucketVersioning(
  ctx: AwsContext,
  s3: S3Client,
  bucket: string,
): Promise<BucketVersioning> {
  const out = await call(ctx, { service: 's3', operation: 'GetBucketVersioning' }, (o) =>
    s3.send(new GetBucketVersioningCommand({ Bucket: bucket }), o),
  );
  const status = out.Status === 'Enabled' || out.Status === 'Suspended' ? out.Status : 'Disabled';
  return { status, mfaDelete: out.MFADelete === 'Enabled' };
}
