import { paginate } from '../../core/paginate.ts';
import type { AwsOperation } from '../operation.ts';
import { withTokenError } from '../tagging/tags.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { kmsLimit, marker } from './find-key.ts';

/** KMS ListKeys (Limit, Marker) → `{ Keys: [{ KeyId, KeyArn }], Truncated, NextMarker }`. */
export const listKeys: AwsOperation = {
  name: 'ListKeys',
  handle: (call) => {
    const page = withTokenError(
      () =>
        paginate(
          call.regionState.kms.keys,
          { token: marker(call), requested: kmsLimit(call), defaultSize: 100, maxSize: 1000 },
          call.sim.faults.current.pagination,
        ),
      () => new AwsError('InvalidMarkerException', 'Invalid marker'),
    );
    return {
      Keys: page.items.map((k) => ({ KeyId: k.id, KeyArn: k.arn })),
      Truncated: page.nextToken !== undefined,
      ...(page.nextToken ? { NextMarker: page.nextToken } : {}),
    };
  },
};
