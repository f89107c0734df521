import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { findBucket, parseXmlBody, s3Empty } from './s3-http.ts';

interface EncryptionDoc {
  ServerSideEncryptionConfiguration?: {
    Rule?: {
      ApplyServerSideEncryptionByDefault?: { SSEAlgorithm?: string; KMSMasterKeyID?: string };
      BucketKeyEnabled?: string;
    };
  };
}

/**
 * S3 PutBucketEncryption: the bucket's default encryption becomes SSE-S3 (`AES256`) or SSE-KMS
 * (`aws:kms`, with an optional key). A key with AES256 is InvalidArgument, an unknown algorithm
 * MalformedXML, as S3 answers.
 */
export const putBucketEncryption: AwsOperation = {
  name: 'PutBucketEncryption',
  mutating: true,
  handle: (call) => {
    const bucket = findBucket(call);
    const rule = (parseXmlBody(call) as EncryptionDoc).ServerSideEncryptionConfiguration?.Rule;
    const sse = rule?.ApplyServerSideEncryptionByDefault;
    const algorithm = sse?.SSEAlgorithm;
    if (algorithm !== 'AES256' && algorithm !== 'aws:kms')
      throw new AwsError(
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema',
      );
    const kmsKeyId = sse?.KMSMasterKeyID || undefined;
    if (kmsKeyId !== undefined && algorithm !== 'aws:kms')
      throw new AwsError(
        'InvalidArgument',
        'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse',
      );
    bucket.encryption = {
      algorithm,
      kmsKeyId,
      bucketKey: String(rule?.BucketKeyEnabled ?? 'false').toLowerCase() === 'true',
    };
    return s3Empty(200);
  },
};
