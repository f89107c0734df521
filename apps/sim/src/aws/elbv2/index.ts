import type { AwsService } from '../operation.ts';

/** ELBV2 (placeholder: operations are added by the elbv2 work). */
export const ELBV2_SERVICE: AwsService = {
  signingName: 'elasticloadbalancing',
  protocol: 'query',
  xmlns: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  operations: [],
};
