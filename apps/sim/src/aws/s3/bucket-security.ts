import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { xmlList } from '../protocol/xml.ts';
import { canonicalId } from './list-buckets.ts';
import { findBucket, parseXmlBody, s3Empty, s3Xml } from './s3-http.ts';
import type { PublicAccessBlock } from './state.ts';

/** S3 GetBucketEncryption; ServerSideEncryptionConfigurationNotFoundError for unencrypted buckets. */
export const getBucketEncryption: AwsOperation = {
  name: 'GetBucketEncryption',
  handle: (call) => {
    const { encryption } = findBucket(call);
    if (!encryption) {
      throw new AwsError(
        'ServerSideEncryptionConfigurationNotFoundError',
        'The server side encryption configuration was not found',
        404,
      );
    }
    return s3Xml('ServerSideEncryptionConfiguration', {
      Rule: {
        ApplyServerSideEncryptionByDefault: {
          SSEAlgorithm: encryption.algorithm,
          KMSMasterKeyID: encryption.kmsKeyId,
        },
        BucketKeyEnabled: encryption.bucketKey,
      },
    });
  },
};

const PAB_FIELDS = [
  'BlockPublicAcls',
  'IgnorePublicAcls',
  'BlockPublicPolicy',
  'RestrictPublicBuckets',
] as const;

/** S3 GetPublicAccessBlock; NoSuchPublicAccessBlockConfiguration when none is set. */
export const getPublicAccessBlock: AwsOperation = {
  name: 'GetPublicAccessBlock',
  handle: (call) => {
    const { publicAccessBlock } = findBucket(call);
    if (!publicAccessBlock) {
      throw new AwsError(
        'NoSuchPublicAccessBlockConfiguration',
        'The public access block configuration was not found',
        404,
      );
    }
    return s3Xml('PublicAccessBlockConfiguration', publicAccessBlock);
  },
};

/** S3 PutPublicAccessBlock: the four flags (missing ones are false, as S3 treats them). */
export const putPublicAccessBlock: AwsOperation = {
  name: 'PutPublicAccessBlock',
  mutating: true,
  handle: (call) => {
    const bucket = findBucket(call);
    const doc = parseXmlBody(call).PublicAccessBlockConfiguration as Record<string, unknown> | undefined;
    if (!doc || typeof doc !== 'object')
      throw new AwsError(
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema',
      );
    const config = {} as PublicAccessBlock;
    for (const field of PAB_FIELDS) config[field] = String(doc[field] ?? 'false').toLowerCase() === 'true';
    bucket.publicAccessBlock = config;
    return s3Empty(200);
  },
};

/** S3 DeletePublicAccessBlock: 204. */
export const deletePublicAccessBlock: AwsOperation = {
  name: 'DeletePublicAccessBlock',
  mutating: true,
  handle: (call) => {
    findBucket(call).publicAccessBlock = undefined;
    return s3Empty(204);
  },
};

/** S3 GetBucketPolicyStatus: IsPublic for a policy granting `*`; NoSuchBucketPolicy without a policy. */
export const getBucketPolicyStatus: AwsOperation = {
  name: 'GetBucketPolicyStatus',
  handle: (call) => {
    const bucket = findBucket(call);
    if (!bucket.policy) throw new AwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404);
    // RestrictPublicBuckets does not change the status; it only restricts access.
    return s3Xml('PolicyStatus', { IsPublic: bucket.policyPublic });
  },
};

/** S3 GetBucketPolicy: the policy JSON as the body. */
export const getBucketPolicy: AwsOperation = {
  name: 'GetBucketPolicy',
  handle: (call) => {
    const bucket = findBucket(call);
    if (!bucket.policy) throw new AwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404);
    return { status: 200, headers: { 'content-type': 'application/json' }, body: bucket.policy };
  },
};

/** S3 GetBucketAcl: the owner's FULL_CONTROL, plus AllUsers READ for public-read buckets. */
export const getBucketAcl: AwsOperation = {
  name: 'GetBucketAcl',
  handle: (call) => {
    const bucket = findBucket(call);
    const owner = {
      ID: canonicalId(bucket.account),
      DisplayName: call.estate.byId.get(bucket.account)?.alias,
    };
    const grants: unknown[] = [{ Grantee: owner, Permission: 'FULL_CONTROL' }];
    if (bucket.aclPublicRead)
      grants.push({
        Grantee: { URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
        Permission: 'READ',
      });
    return s3Xml('AccessControlPolicy', { Owner: owner, AccessControlList: xmlList('Grant', grants) });
  },
};

/** S3 GetBucketVersioning: empty for buckets that never had versioning. */
export const getBucketVersioning: AwsOperation = {
  name: 'GetBucketVersioning',
  handle: (call) => s3Xml('VersioningConfiguration', { Status: findBucket(call).versioning }),
};

/** S3 PutBucketVersioning: Enabled or Suspended. */
export const putBucketVersioning: AwsOperation = {
  name: 'PutBucketVersioning',
  mutating: true,
  handle: (call) => {
    const bucket = findBucket(call);
    const status = (parseXmlBody(call).VersioningConfiguration as { Status?: string } | undefined)?.Status;
    if (status !== 'Enabled' && status !== 'Suspended')
      throw new AwsError(
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema',
      );
    bucket.versioning = status;
    return s3Empty(200);
  },
};
