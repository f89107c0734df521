import type { AwsService } from '../operation.ts';

/** LAMBDA (placeholder: operations are added by the lambda work). */
export const LAMBDA_SERVICE: AwsService = {
  signingName: 'lambda',
  protocol: 'rest-json',
  operations: [],
};
