import type { AwsService } from '../operation.ts';

/** IAM (placeholder: operations are added by the iam work). */
export const IAM_SERVICE: AwsService = {
  signingName: 'iam',
  protocol: 'query',
  xmlns: 'https://iam.amazonaws.com/doc/2010-05-08/',
  global: true,
  operations: [],
};
