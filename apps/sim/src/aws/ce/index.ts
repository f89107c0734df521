import type { AwsService } from '../operation.ts';
import { getCostAndUsage } from './get-cost-and-usage.ts';
import { getCostForecast } from './get-cost-forecast.ts';

/** AWS Cost Explorer (awsJson1_1, `AWSInsightsIndexService`; global, served from us-east-1). */
export const CE_SERVICE: AwsService = {
  signingName: 'ce',
  protocol: 'json',
  targetPrefix: 'AWSInsightsIndexService',
  global: true,
  operations: [getCostAndUsage, getCostForecast],
};
