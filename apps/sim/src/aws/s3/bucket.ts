import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { isAwsRegion } from '../regions.ts';
import { findBucket, parseXmlBody, s3Empty, s3Xml } from './s3-http.ts';

const VALID_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * S3 CreateBucket: `PUT /{Bucket}` with an optional CreateBucketConfiguration. New buckets get what
 * S3 gives them today: SSE-S3 default encryption and a full public access block.
 */
export const createBucket: AwsOperation = {
  name: 'CreateBucket',
  mutating: true,
  handle: (call) => {
    const name = call.pathParams.Bucket!;
    if (!VALID_NAME.test(name) || name.includes('..'))
      throw new AwsError('InvalidBucketName', 'The specified bucket is not valid.');
    if (call.account.s3.buckets.has(name)) {
      throw new AwsError(
        'BucketAlreadyOwnedByYou',
        'Your previous request to create the named bucket succeeded and you already own it.',
        409,
      );
    }
    if (call.estate.accounts.some((a) => a.s3.buckets.has(name))) {
      throw new AwsError(
        'BucketAlreadyExists',
        'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
        409,
      );
    }
    let region = 'us-east-1';
    if (call.req.body.length) {
      const config = parseXmlBody(call).CreateBucketConfiguration as
        { LocationConstraint?: string } | undefined;
      if (config?.LocationConstraint) region = config.LocationConstraint;
    }
    if (!isAwsRegion(region))
      throw new AwsError('InvalidLocationConstraint', 'The specified location-constraint is not valid');
    if (region !== call.region && !(call.region === 'us-east-1' && region === 'us-east-1')) {
      throw new AwsError(
        'IllegalLocationConstraintException',
        `The ${region} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      );
    }
    const all = {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    };
    call.account.s3.buckets.set(name, {
      name,
      account: call.account.id,
      region,
      createdAt: call.sim.clock.now(),
      encryption: { algorithm: 'AES256', bucketKey: false },
      publicAccessBlock: all,
      policyPublic: false,
      aclPublicRead: false,
      objects: new Map(),
    });
    return s3Empty(200, { location: `/${name}` });
  },
};

/** S3 HeadBucket: 200 with `x-amz-bucket-region`, or a bare 404/403. */
export const headBucket: AwsOperation = {
  name: 'HeadBucket',
  handle: (call) => {
    const bucket = findBucket(call);
    return s3Empty(200, { 'x-amz-bucket-region': bucket.region, 'x-amz-access-point-alias': 'false' });
  },
};

/** S3 DeleteBucket: only when empty (BucketNotEmpty otherwise); 204. */
export const deleteBucket: AwsOperation = {
  name: 'DeleteBucket',
  mutating: true,
  handle: (call) => {
    const bucket = findBucket(call);
    if (bucket.objects.size)
      throw new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409);
    call.account.s3.buckets.delete(bucket.name);
    return s3Empty(204);
  },
};

/** S3 GetBucketLocation: empty LocationConstraint for us-east-1, as S3 answers. */
export const getBucketLocation: AwsOperation = {
  name: 'GetBucketLocation',
  handle: (call) => {
    const bucket = findBucket(call);
    return s3Xml('LocationConstraint', bucket.region === 'us-east-1' ? '' : bucket.region);
  },
};
