import { GetBucketLocationCommand } from '@aws-sdk/client-s3';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

/**
 * S3 GetBucketLocation as a region code: an empty constraint means us-east-1 and the legacy `EU`
 * means eu-west-1. Used when ListBuckets did not say.
 */
export async function getBucketLocation(ctx: AwsContext, bucket: string): Promise<string> {
  const out = await call(ctx, { service: 's3', operation: 'GetBucketLocation' }, (o) =>
    ctx.clients.s3.send(new GetBucketLocationCommand({ Bucket: bucket }), o),
  );
  const constraint = out.LocationConstraint as string | undefined;
  if (!constraint) return 'us-east-1';
  return constraint === 'EU' ? 'eu-west-1' : constraint;
}
