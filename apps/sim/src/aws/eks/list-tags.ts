import { json } from '../../core/http.ts';
import type { AwsOperation } from '../operation.ts';
import { clusterOfArn } from './tag-resource.ts';

/** EKS ListTagsForResource: `GET /tags/{resourceArn}` → `{ tags }`. */
export const listTagsForResource: AwsOperation = {
  name: 'ListTagsForResource',
  handle: (call) => json(200, { tags: clusterOfArn(call).tags }),
};
