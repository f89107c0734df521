import type { AwsService } from '../operation.ts';

/** RDS (placeholder: operations are added by the rds work). */
export const RDS_SERVICE: AwsService = {
  signingName: 'rds',
  protocol: 'query',
  xmlns: 'http://rds.amazonaws.com/doc/2014-10-31/',
  operations: [],
};
