import type { AwsService } from '../operation.ts';

/** CLOUDWATCH (placeholder: operations are added by the cloudwatch work). */
export const CLOUDWATCH_SERVICE: AwsService = {
  signingName: 'monitoring',
  protocol: 'query',
  xmlns: 'http://monitoring.amazonaws.com/doc/2010-08-01/',
  targetPrefix: 'GraniteServiceVersion20100801',
  operations: [],
};
