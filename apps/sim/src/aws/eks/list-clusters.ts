import { json } from '../../core/http.ts';
import { paginate } from '../../core/paginate.ts';
import type { AwsOperation } from '../operation.ts';
import { withTokenError } from '../tagging/tags.ts';
import { AwsError } from '../protocol/aws-error.ts';

/** EKS ListClusters: `GET /clusters?maxResults&nextToken` (1–100, default 100). */
export const listClusters: AwsOperation = {
  name: 'ListClusters',
  handle: (call) => {
    const raw = call.params.get('maxResults');
    const max = raw === undefined ? undefined : Number(raw);
    if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 100)) {
      throw new AwsError('InvalidParameterException', 'maxResults must be between 1 and 100');
    }
    const page = withTokenError(
      () =>
        paginate(
          call.regionState.eks.clusters,
          { token: call.params.get('nextToken'), requested: max, defaultSize: 100, maxSize: 100 },
          call.sim.faults.current.pagination,
        ),
      () => new AwsError('InvalidParameterException', 'The nextToken is invalid'),
    );
    return json(200, {
      clusters: page.items.map((c) => c.name),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    });
  },
};
