import { json } from '../../core/http.ts';
import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { findCluster } from './describe-cluster.ts';

/** EKS ListTagsForResource: `GET /tags/{resourceArn}` → `{ tags }`. */
export const listTagsForResource: AwsOperation = {
  name: 'ListTagsForResource',
  handle: (call) => {
    const arn = call.pathParams.resourceArn ?? '';
    const name = /^arn:aws:eks:[^:]+:\d{12}:cluster\/(.+)$/.exec(arn)?.[1];
    if (!name) throw new AwsError('BadRequestException', `Invalid ARN: ${arn}`);
    try {
      return json(200, { tags: findCluster(call, name).tags });
    } catch {
      throw new AwsError('NotFoundException', `Resource ${arn} not found`, 404);
    }
  },
};
