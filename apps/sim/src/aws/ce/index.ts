import type { AwsService } from '../operation.ts';

/** CE (placeholder: operations are added by the ce work). */
export const CE_SERVICE: AwsService = {
  signingName: 'ce',
  protocol: 'json',
  targetPrefix: 'AWSInsightsIndexService',
  global: true,
  operations: [],
};
