import { json } from '../../core/http.ts';
import type { AwsCall, AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { setTag } from '../tagging/tags.ts';
import { findCluster } from './describe-cluster.ts';
import type { EksCluster } from './state.ts';

/** The cluster an EKS ARN path parameter names; BadRequestException / NotFoundException otherwise. */
export function clusterOfArn(call: AwsCall): EksCluster {
  const arn = call.pathParams.resourceArn ?? '';
  const name = /^arn:aws:eks:[^:]+:\d{12}:cluster\/(.+)$/.exec(arn)?.[1];
  if (!name) throw new AwsError('BadRequestException', `Invalid ARN: ${arn}`);
  try {
    return findCluster(call, name);
  } catch {
    throw new AwsError('NotFoundException', `Resource ${arn} not found`, 404);
  }
}

/** EKS TagResource: `POST /tags/{resourceArn}` with `{ tags }` (at most 50, no `aws:` keys). */
export const tagResource: AwsOperation = {
  name: 'TagResource',
  mutating: true,
  handle: (call) => {
    const cluster = clusterOfArn(call);
    const tags = call.body.tags;
    if (!tags || typeof tags !== 'object' || Array.isArray(tags))
      throw new AwsError('BadRequestException', 'tags must be a map of keys to values');
    const entries = Object.entries(tags as Record<string, unknown>);
    for (const [key, value] of entries) {
      if (key.length === 0 || key.length > 128 || key.toLowerCase().startsWith('aws:'))
        throw new AwsError('BadRequestException', `Invalid tag key: ${key.slice(0, 140)}`);
      if (typeof value !== 'string' || value.length > 256)
        throw new AwsError('BadRequestException', `Invalid tag value for key: ${key.slice(0, 140)}`);
    }
    const merged = new Set([...Object.keys(cluster.tags), ...entries.map(([k]) => k)]);
    if (merged.size > 50) throw new AwsError('BadRequestException', 'A resource can have at most 50 tags');
    for (const [key, value] of entries) setTag(cluster.tags, key, value as string);
    return json(200, {});
  },
};

/** EKS UntagResource: `DELETE /tags/{resourceArn}?tagKeys=a&tagKeys=b`. */
export const untagResource: AwsOperation = {
  name: 'UntagResource',
  mutating: true,
  handle: (call) => {
    const cluster = clusterOfArn(call);
    const keys = call.req.query.getAll('tagKeys');
    if (keys.length === 0) throw new AwsError('BadRequestException', 'tagKeys must not be empty');
    for (const key of keys) delete cluster.tags[key];
    return json(200, {});
  },
};
