import type { PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import type { Role, User } from '@aws-sdk/client-iam';
import type { Resource } from '@escher/protocol';
import { normaliseRole } from '../iam/normalise-role.ts';
import { normaliseUser } from '../iam/normalise-user.ts';
import { normaliseBucket } from '../s3/normalise-bucket.ts';
import { policyIsPublic } from '../s3/policy-is-public.ts';
import type { BucketEncryption } from '../s3/get-bucket-encryption.ts';
import type { BucketVersioning } from '../s3/get-bucket-versioning.ts';
import { requireId, sdkTagList } from './config-ec2.ts';
import { objectField, type ConfigItem } from './config-item.ts';
import { lowerKeys, parseAwsDate, readTags, toSdkShape } from './config-shape.ts';

/** ACL grantees that mean "anyone", as Config's serialised ACL names them or as S3 URIs. */
const PUBLIC_GRANTEES =
  /^(AllUsers|AuthenticatedUsers|https?:\/\/acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers))$/;

/**
 * An S3 bucket from its configuration item: Config keeps the bucket's settings in
 * `supplementaryConfiguration` — `ServerSideEncryptionConfiguration`, `BucketVersioningConfiguration`
 * (`Off` = never enabled), `PublicAccessBlockConfiguration`, `BucketPolicy.policyText`,
 * `AccessControlList` (a JSON string), `BucketTaggingConfiguration`. Whether the policy is public
 * is read from the policy itself (a sync asks S3's own evaluation first).
 */
export function importBucket(item: ConfigItem): Resource {
  const c = lowerKeys(item.configuration);
  const s = lowerKeys(item.supplementary);
  const name = requireId(item, str(c['name']) ?? item.resourceName, 'name');
  const sub = (key: string) =>
    objectField(s[key.toLowerCase()], `${item.path}.supplementaryConfiguration.${key}`);
  const block = sub('PublicAccessBlockConfiguration');
  const policy = sub('BucketPolicy');
  const taggingSets = lowerKeys(sub('BucketTaggingConfiguration') ?? {})['tagsets'];
  const tags =
    item.tags ??
    (Array.isArray(taggingSets) && taggingSets[0]
      ? readTags(lowerKeys(taggingSets[0] as Record<string, unknown>)['tags'])
      : undefined) ??
    {};
  return normaliseBucket({
    name,
    account: item.accountId,
    region: item.awsRegion,
    createdAt: parseAwsDate(c['creationdate']) ?? item.resourceCreationTime,
    tags,
    encryption: encryptionOf(sub('ServerSideEncryptionConfiguration')),
    versioning: versioningOf(sub('BucketVersioningConfiguration')),
    policyPublic: policyIsPublic(str(lowerKeys(policy ?? {})['policytext'])),
    publicAccessBlock: block ? (toSdkShape(block) as PublicAccessBlockConfiguration) : undefined,
    publicAclGrants: publicGrants(
      s['accesscontrollist'],
      `${item.path}.supplementaryConfiguration.AccessControlList`,
    ),
  });
}

function encryptionOf(config: Record<string, unknown> | undefined): BucketEncryption | undefined {
  const rules = lowerKeys(config ?? {})['rules'];
  if (!Array.isArray(rules)) return undefined;
  for (const raw of rules as Record<string, unknown>[]) {
    const rule = lowerKeys(raw);
    const byDefault = lowerKeys(
      (rule['applyserversideencryptionbydefault'] as Record<string, unknown>) ?? {},
    );
    const algorithm = str(byDefault['ssealgorithm']);
    if (!algorithm) continue;
    const kmsKeyId = str(byDefault['kmsmasterkeyid']);
    const bucketKey = rule['bucketkeyenabled'];
    return {
      algorithm,
      ...(kmsKeyId ? { kmsKeyId } : {}),
      ...(typeof bucketKey === 'boolean' ? { bucketKey } : {}),
    };
  }
  return undefined;
}

function versioningOf(config: Record<string, unknown> | undefined): BucketVersioning {
  const v = lowerKeys(config ?? {});
  const status = str(v['status']);
  return {
    status: status === 'Enabled' || status === 'Suspended' ? status : 'Disabled',
    mfaDelete: v['ismfadeleteenabled'] === true,
  };
}

/** The permissions granted to everyone by the serialised ACL (`grantList`). */
function publicGrants(acl: unknown, path: string): string[] {
  const parsed = lowerKeys(objectField(acl, path) ?? {});
  const grants = parsed['grantlist'] ?? parsed['grants'];
  if (!Array.isArray(grants)) return [];
  const out: string[] = [];
  for (const raw of grants as Record<string, unknown>[]) {
    const grant = lowerKeys(raw);
    const grantee = grant['grantee'];
    const who =
      typeof grantee === 'string'
        ? grantee
        : (str(lowerKeys((grantee as Record<string, unknown>) ?? {})['uri']) ??
          str(lowerKeys((grantee as Record<string, unknown>) ?? {})['identifier']));
    if (who && PUBLIC_GRANTEES.test(who)) out.push(str(grant['permission']) ?? 'UNKNOWN');
  }
  return out;
}

/**
 * An IAM user. Config records the user, its groups and policies — not its MFA devices, access
 * keys or console password, so `mfaEnabled`, `consoleAccess`, the access-key fields and
 * `passwordLastUsed` are left out (unknown) rather than reported as false.
 */
export function importUser(item: ConfigItem, now: number): Resource {
  const user = toSdkShape(item.configuration) as User;
  user.UserName = requireId(item, user.UserName ?? item.resourceName, 'userName');
  user.Tags = sdkTagList(user.Tags, item);
  const resource = normaliseUser(
    { user, account: item.accountId, consoleAccess: false, mfaDevices: 0, accessKeys: [] },
    now,
  );
  for (const unknown of [
    'consoleAccess',
    'mfaEnabled',
    'mfaDevices',
    'accessKeys',
    'activeAccessKeys',
    'oldestActiveAccessKeyCreatedAt',
    'accessKeyAgeDays',
    'passwordLastUsed',
  ])
    delete resource.attributes[unknown];
  return resource;
}

/** An IAM role; Config keeps the trust policy URL-encoded, as IAM returns it. */
export function importRole(item: ConfigItem): Resource {
  const role = toSdkShape(item.configuration) as Role;
  role.RoleName = requireId(item, role.RoleName ?? item.resourceName, 'roleName');
  role.Tags = sdkTagList(role.Tags, item);
  return normaliseRole(role, item.accountId);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
