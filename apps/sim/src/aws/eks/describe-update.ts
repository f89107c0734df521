import { json } from '../../core/http.ts';
import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { updateJson } from './cluster-updates.ts';
import { findCluster } from './describe-cluster.ts';

/** EKS DescribeUpdate: `GET /clusters/{name}/updates/{updateId}` → `{ update }`. */
export const describeUpdate: AwsOperation = {
  name: 'DescribeUpdate',
  handle: (call) => {
    const cluster = findCluster(call, call.pathParams.name!);
    const id = call.pathParams.updateId;
    const update = cluster.updates?.find((u) => u.id === id);
    if (!update) throw new AwsError('ResourceNotFoundException', `No update found for ID: ${id}`, 404);
    return json(200, { update: updateJson(update) });
  },
};
