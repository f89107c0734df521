import { GetBucketAclCommand, type S3Client } from '@aws-sdk/client-s3';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

const PUBLIC_GROUPS = [
  'http://acs.amazonaws.com/groups/global/AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
];

/** S3 GetBucketAcl: the permissions the ACL grants to everyone (AllUsers / AuthenticatedUsers). */
export async function getBucketPublicAclGrants(
  ctx: AwsContext,
  s3: S3Client,
  bucket: string,
): Promise<string[]> {
  const out = await call(ctx, { service: 's3', operation: 'GetBucketAcl' }, (o) =>
    s3.send(new GetBucketAclCommand({ Bucket: bucket }), o),
  );
  return (
    (out.Grants ?? [])
      // By URI alone: the group grantee's xsi:type is not always sent (the simulator leaves it out).
      .filter((g) => PUBLIC_GROUPS.includes(g.Grantee?.URI ?? ''))
      .map((g) => g.Permission ?? 'UNKNOWN')
  );
}
