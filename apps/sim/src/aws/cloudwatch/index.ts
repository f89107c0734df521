import type { AwsService } from '../operation.ts';
import { getMetricData } from './get-metric-data.ts';
import { getMetricStatistics } from './get-metric-statistics.ts';
import { listMetrics } from './list-metrics.ts';

/**
 * Amazon CloudWatch: awsQuery (`Action=`, awscli 2.9) and awsJson1_0 (`X-Amz-Target:
 * GraniteServiceVersion20100801.*`, SDK ≥ 3.949); handlers shape results per `call.protocol`.
 */
export const CLOUDWATCH_SERVICE: AwsService = {
  signingName: 'monitoring',
  protocol: 'query',
  xmlns: 'http://monitoring.amazonaws.com/doc/2010-08-01/',
  targetPrefix: 'GraniteServiceVersion20100801',
  operations: [getMetricStatistics, getMetricData, listMetrics],
};
