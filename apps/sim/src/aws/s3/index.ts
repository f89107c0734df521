import type { AwsService } from '../operation.ts';

/** S3 (placeholder: operations are added by the s3 work). */
export const S3_SERVICE: AwsService = {
  signingName: 's3',
  protocol: 'rest-xml',
  global: true,
  operations: [],
};
