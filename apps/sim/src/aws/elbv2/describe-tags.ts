import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { members } from '../protocol/xml.ts';
import { checkArn, tagMembers } from './elbv2-request.ts';

/** DescribeTags of up to 20 load balancer or target group ARNs. */
export const describeTags: AwsOperation = {
  name: 'DescribeTags',
  handle: ({ params, regionState }) => {
    const arns = params.members('ResourceArns');
    if (arns.length === 0)
      throw new AwsError(
        'ValidationError',
        "1 validation error detected: Value null at 'resourceArns' failed to satisfy constraint: Member must not be null",
      );
    if (arns.length > 20) throw new AwsError('ValidationError', 'You cannot specify more than 20 resources');
    const { loadBalancers, targetGroups } = regionState.elbv2;
    return {
      TagDescriptions: members(
        arns.map((arn) => {
          const isGroup = arn.includes(':targetgroup/');
          checkArn(arn, isGroup ? 'target group' : 'load balancer');
          const resource = isGroup ? targetGroups.get(arn) : loadBalancers.get(arn);
          if (!resource) {
            throw isGroup
              ? new AwsError('TargetGroupNotFound', `Target groups '[${arn}]' not found`)
              : new AwsError('LoadBalancerNotFound', `Load balancers '[${arn}]' not found`);
          }
          return { ResourceArn: arn, Tags: tagMembers(resource.tags) };
        }),
      ),
    };
  },
};
