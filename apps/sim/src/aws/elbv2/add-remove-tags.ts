import type { AwsCall, AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { setTag } from '../tagging/tags.ts';
import { checkArn } from './elbv2-request.ts';

const MAX_TAGS = 50;

/** The tag records of `ResourceArns.member.N` (load balancers and target groups), all checked first. */
function taggables(call: AwsCall): Record<string, string>[] {
  const arns = call.params.members('ResourceArns');
  if (arns.length === 0)
    throw new AwsError(
      'ValidationError',
      "1 validation error detected: Value null at 'resourceArns' failed to satisfy constraint: Member must not be null",
    );
  const { loadBalancers, targetGroups } = call.regionState.elbv2;
  return arns.map((arn) => {
    const isGroup = arn.includes(':targetgroup/');
    checkArn(arn, isGroup ? 'target group' : 'load balancer');
    const resource = isGroup ? targetGroups.get(arn) : loadBalancers.get(arn);
    if (!resource)
      throw isGroup
        ? new AwsError('TargetGroupNotFound', `Target groups '[${arn}]' not found`)
        : new AwsError('LoadBalancerNotFound', `Load balancers '[${arn}]' not found`);
    return resource.tags;
  });
}

/** ELBv2 AddTags: `Tags.member.N.Key/Value` on every ARN; TooManyTags past 50, DuplicateTagKeys. */
export const addTags: AwsOperation = {
  name: 'AddTags',
  mutating: true,
  handle: (call) => {
    const records = taggables(call);
    const pairs = call.params.tags('Tags.member');
    if (pairs.length === 0)
      throw new AwsError(
        'ValidationError',
        "1 validation error detected: Value null at 'tags' failed to satisfy constraint",
      );
    const keys = pairs.map((p) => p.key);
    if (new Set(keys).size !== keys.length)
      throw new AwsError(
        'DuplicateTagKeys',
        `Tag key '${keys.find((k, i) => keys.indexOf(k) !== i)}' is duplicated`,
      );
    for (const { key, value } of pairs)
      if (key.toLowerCase().startsWith('aws:') || key.length > 128 || (value ?? '').length > 256)
        throw new AwsError('ValidationError', `Invalid tag key or value: ${key.slice(0, 140)}`);
    for (const tags of records)
      if (new Set([...Object.keys(tags), ...keys]).size > MAX_TAGS)
        throw new AwsError(
          'TooManyTags',
          'The quota for the number of tags that can be assigned to a load balancer has been reached',
        );
    for (const tags of records) for (const { key, value } of pairs) setTag(tags, key, value ?? '');
    return undefined;
  },
};

/** ELBv2 RemoveTags: `TagKeys.member.N` from every ARN. */
export const removeTags: AwsOperation = {
  name: 'RemoveTags',
  mutating: true,
  handle: (call) => {
    const records = taggables(call);
    const keys = call.params.members('TagKeys');
    if (keys.length === 0)
      throw new AwsError(
        'ValidationError',
        "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint",
      );
    for (const tags of records) for (const key of keys) delete tags[key];
    return undefined;
  },
};
