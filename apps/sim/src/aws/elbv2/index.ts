import type { AwsService } from '../operation.ts';
import { addTags, removeTags } from './add-remove-tags.ts';
import { describeLoadBalancers } from './describe-load-balancers.ts';
import { describeTags } from './describe-tags.ts';
import { describeTargetGroups } from './describe-target-groups.ts';
import { describeTargetHealth } from './describe-target-health.ts';

/** Elastic Load Balancing v2 (awsQuery, API version 2015-12-01). */
export const ELBV2_SERVICE: AwsService = {
  signingName: 'elasticloadbalancing',
  protocol: 'query',
  xmlns: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  operations: [
    describeLoadBalancers,
    describeTargetGroups,
    describeTargetHealth,
    describeTags,
    addTags,
    removeTags,
  ],
};
