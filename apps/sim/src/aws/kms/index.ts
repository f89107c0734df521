import type { AwsService } from '../operation.ts';

/** KMS (placeholder: operations are added by the kms work). */
export const KMS_SERVICE: AwsService = {
  signingName: 'kms',
  protocol: 'json',
  targetPrefix: 'TrentService',
  operations: [],
};
