import type { AwsService } from '../operation.ts';

/** EKS (placeholder: operations are added by the eks work). */
export const EKS_SERVICE: AwsService = {
  signingName: 'eks',
  protocol: 'rest-json',
  operations: [],
};
