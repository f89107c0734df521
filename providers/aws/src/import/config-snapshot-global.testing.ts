import { GetRoleCommand, GetUserCommand, ListRolesCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { AwsClients, ClientPool } from '../clients.ts';
import { configCase, item, tagMap, type Json } from './config-item-builder.testing.ts';

/*
 * Test support: the global part of an account as AWS Config records it — IAM users and roles,
 * and S3 buckets with their settings in `supplementaryConfiguration`.
 */

export async function globalItems(
  pool: ClientPool,
  home: AwsClients,
  account: string,
  creds: () => Promise<{ accessKeyId: string; secretAccessKey: string }>,
): Promise<Json[]> {
  const out: Json[] = [];
  for (const listed of (await home.iam.send(new ListUsersCommand({}))).Users ?? []) {
    const user = (await home.iam.send(new GetUserCommand({ UserName: listed.UserName! }))).User!;
    const { Tags, PasswordLastUsed: _unrecorded, ...rest } = user;
    out.push(
      item({
        account,
        region: 'global',
        type: 'AWS::IAM::User',
        id: user.UserId!,
        name: user.UserName,
        arn: user.Arn,
        created: user.CreateDate,
        tags: tagMap(Tags),
        configuration: {
          ...(configCase(rest) as Json),
          tags: configCase(Tags ?? []),
          groupList: [],
          userPolicyList: [],
          attachedManagedPolicies: [],
        },
      }),
    );
  }
  for (const listed of (await home.iam.send(new ListRolesCommand({}))).Roles ?? []) {
    const role = listed.Path?.startsWith('/aws-service-role/')
      ? listed
      : (await home.iam.send(new GetRoleCommand({ RoleName: listed.RoleName! }))).Role!;
    // Config's role items carry no description and no maximum session duration.
    const { Tags, Description: _d, MaxSessionDuration: _m, ...rest } = role;
    out.push(
      item({
        account,
        region: 'global',
        type: 'AWS::IAM::Role',
        id: role.RoleId!,
        name: role.RoleName,
        arn: role.Arn,
        created: role.CreateDate,
        tags: tagMap(Tags),
        configuration: {
          ...(configCase(rest) as Json),
          tags: configCase(Tags ?? []),
          instanceProfileList: [],
          rolePolicyList: [],
          attachedManagedPolicies: [],
        },
      }),
    );
  }
  for (const bucket of (await home.s3.send(new ListBucketsCommand({}))).Buckets ?? []) {
    const name = bucket.Name!;
    const location = (await home.s3.send(new GetBucketLocationCommand({ Bucket: name })))
      .LocationConstraint as string | undefined;
    const region = !location ? 'us-east-1' : location === 'EU' ? 'eu-west-1' : location;
    const s3 = pool.get(account, region, creds).s3;
    out.push(await bucketItem(s3, account, region, name, bucket.CreationDate));
  }
  return out;
}

async function optional<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
      return undefined;
    throw error;
  }
}

const JAVA_PERMISSIONS: Record<string, string> = {
  READ: 'Read',
  WRITE: 'Write',
  FULL_CONTROL: 'FullControl',
  READ_ACP: 'ReadAcp',
  WRITE_ACP: 'WriteAcp',
};

async function bucketItem(
  s3: S3Client,
  account: string,
  region: string,
  name: string,
  created: Date | undefined,
): Promise<Json> {
  const B = { Bucket: name };
  const [tagging, encryption, versioning, policy, block, acl] = await Promise.all([
    optional(() => s3.send(new GetBucketTaggingCommand(B))),
    optional(() => s3.send(new GetBucketEncryptionCommand(B))),
    s3.send(new GetBucketVersioningCommand(B)),
    optional(() => s3.send(new GetBucketPolicyCommand(B))),
    optional(() => s3.send(new GetPublicAccessBlockCommand(B))),
    s3.send(new GetBucketAclCommand(B)),
  ]);
  const tags = tagMap(tagging?.TagSet);
  const supplementary: Json = {
    AccessControlList: JSON.stringify({
      grantSet: null,
      grantList: (acl.Grants ?? []).map((g) => ({
        grantee: g.Grantee?.URI
          ? g.Grantee.URI.split('/').pop()
          : { id: g.Grantee?.ID, displayName: g.Grantee?.DisplayName ?? null },
        permission: JAVA_PERMISSIONS[g.Permission ?? ''] ?? g.Permission,
      })),
      owner: { displayName: acl.Owner?.DisplayName ?? null, id: acl.Owner?.ID },
      isRequesterCharged: false,
    }),
    BucketPolicy: { policyText: policy?.Policy ?? null },
    BucketVersioningConfiguration: {
      status: versioning.Status ?? 'Off',
      isMfaDeleteEnabled: versioning.MFADelete === 'Enabled' ? true : null,
    },
    IsRequesterPaysEnabled: false,
    ...(Object.keys(tags).length ? { BucketTaggingConfiguration: { tagSets: [{ tags }] } } : {}),
    ...(encryption?.ServerSideEncryptionConfiguration
      ? { ServerSideEncryptionConfiguration: configCase(encryption.ServerSideEncryptionConfiguration) }
      : {}),
    ...(block?.PublicAccessBlockConfiguration
      ? { PublicAccessBlockConfiguration: configCase(block.PublicAccessBlockConfiguration) }
      : {}),
  };
  return item({
    account,
    region,
    type: 'AWS::S3::Bucket',
    id: name,
    name,
    arn: `arn:aws:s3:::${name}`,
    zone: 'Regional',
    created,
    tags,
    configuration: {
      name,
      owner: { displayName: acl.Owner?.DisplayName ?? null, id: acl.Owner?.ID },
      creationDate: configCase(created),
    },
    supplementary,
  });
}
