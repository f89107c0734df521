import type { Bucket } from '@google-cloud/storage';
import { callGoogle, type GcpContext } from '../context.ts';
import { publicMembers } from '../iam-policy.ts';

/** The public principals of one bucket's IAM policy (`buckets.getIamPolicy`). */
export async function getBucketPublicMembers(ctx: GcpContext, bucket: Bucket): Promise<string[]> {
  const [policy] = await callGoogle(ctx, { service: 'storage', operation: 'buckets.getIamPolicy' }, () =>
    bucket.iam.getPolicy({ requestedPolicyVersion: 3 }),
  );
  return publicMembers(policy.bindings);
}
