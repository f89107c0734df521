import { MISCONFIG_RATES } from '../../estate/misconfig-rates.ts';
import { envToken } from '../../estate/naming.ts';
import { isTagged } from '../../estate/tags.ts';
import type { AwsGenContext } from '../generate-context.ts';
import { drawLabels, recordUntagged } from '../tagging/tags.ts';
import type { S3Bucket } from './state.ts';

const DAY = 86_400_000;
/** S3 encrypts every new bucket by default since 2023-01-05; unencrypted buckets predate that. */
const DEFAULT_ENCRYPTION_SINCE = Date.UTC(2023, 0, 5);
const PURPOSES = [
  'logs',
  'data',
  'backups',
  'assets',
  'uploads',
  'exports',
  'artifacts',
  'reports',
  'static',
  'archive',
];

/**
 * Generates the account's buckets, spread over the account's regions. Misconfigurations, at
 * MISCONFIG_RATES: `storage.bucket.unencrypted` (no default encryption: created before 2023),
 * `storage.bucket.public` (no public access block, and a bucket policy granting `*` s3:GetObject —
 * GetBucketPolicyStatus IsPublic — or, for some, a public-read ACL), `storage.bucket.no-versioning`
 * (versioning never enabled, or suspended). Some private buckets also lack a public access block.
 * Native id: `arn:aws:s3:::{bucket}`.
 */
export function generateS3(ctx: AwsGenContext, count: number): void {
  const rng = ctx.rng.fork('s3');
  const { account, manifest } = ctx;
  const regions = ctx.regions.length ? ctx.regions : ['us-east-1'];
  for (let i = 0; i < count; i++) {
    const labels = drawLabels(rng);
    const region = rng.chance(0.5) ? regions[0]! : rng.pick(regions);
    const purpose = rng.pick(PURPOSES);
    const base = rng.chance(0.7)
      ? `${account.alias}-${labels.app}-${purpose}`
      : `${labels.app}-${purpose}-${envToken(rng, labels.env)}-${account.id.slice(-4)}${rng.hex(4)}`;
    let name = base.slice(0, 60);
    for (let n = 2; account.s3.buckets.has(name); n++) name = `${base.slice(0, 56)}-${n}`;
    const arn = `arn:aws:s3:::${name}`;
    const unencrypted = rng.chance(MISCONFIG_RATES['storage.bucket.unencrypted']);
    const isPublic = rng.chance(MISCONFIG_RATES['storage.bucket.public']);
    const noVersioning = rng.chance(MISCONFIG_RATES['storage.bucket.no-versioning']);
    const newest = unencrypted ? Math.min(ctx.epoch, DEFAULT_ENCRYPTION_SINCE) : ctx.epoch;
    const kmsKey = ctx.account.regions.get(region)?.kms.aliases.get('alias/aws/s3');
    const publicByAcl = isPublic && rng.chance(0.3);
    const privatePolicy = !isPublic && rng.chance(0.4);
    const bucket: S3Bucket = {
      name,
      account: account.id,
      region,
      createdAt: newest - rng.int(2, 2400) * DAY - rng.int(0, 86_399) * 1000,
      // Some untagged buckets have no tag set at all (GetBucketTagging: NoSuchTagSet).
      tags:
        !Object.keys(labels.tags).length || (!isTagged(labels.tags) && rng.chance(0.5))
          ? undefined
          : labels.tags,
      encryption: unencrypted
        ? undefined
        : kmsKey && rng.chance(0.3)
          ? {
              algorithm: 'aws:kms',
              kmsKeyId: `arn:aws:kms:${region}:${account.id}:key/${kmsKey.keyId}`,
              bucketKey: rng.chance(0.7),
            }
          : { algorithm: 'AES256', bucketKey: false },
      publicAccessBlock: isPublic
        ? rng.chance(0.5)
          ? {
              BlockPublicAcls: false,
              IgnorePublicAcls: false,
              BlockPublicPolicy: false,
              RestrictPublicBuckets: false,
            }
          : undefined
        : rng.chance(0.75)
          ? {
              BlockPublicAcls: true,
              IgnorePublicAcls: true,
              BlockPublicPolicy: true,
              RestrictPublicBuckets: true,
            }
          : undefined,
      policy:
        isPublic && !publicByAcl
          ? publicPolicy(name)
          : privatePolicy
            ? secureTransportPolicy(name)
            : undefined,
      policyPublic: isPublic && !publicByAcl,
      aclPublicRead: publicByAcl,
      versioning: noVersioning ? (rng.chance(0.2) ? 'Suspended' : undefined) : 'Enabled',
      objects: new Map(),
    };
    if (unencrypted) manifest.misconfig('storage.bucket.unencrypted', arn);
    if (isPublic) manifest.misconfig('storage.bucket.public', arn);
    if (noVersioning) manifest.misconfig('storage.bucket.no-versioning', arn);
    account.s3.buckets.set(name, bucket);
    manifest.resource('aws', account.id, 'storage.bucket');
    recordUntagged(manifest, arn, bucket.tags ?? {});
  }
}

function publicPolicy(bucket: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PublicReadGetObject',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${bucket}/*`,
      },
    ],
  });
}

function secureTransportPolicy(bucket: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
}
