import { paginate } from '../../core/paginate.ts';
import type { AwsOperation } from '../operation.ts';
import { withTokenError } from '../tagging/tags.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { functionConfiguration, ok } from './function-view.ts';

/** Lambda ListFunctions: `GET /2015-03-31/functions/?Marker&MaxItems` (at most 50 a page). */
export const listFunctions: AwsOperation = {
  name: 'ListFunctions',
  handle: (call) => {
    const raw = call.params.get('MaxItems');
    const max = raw === undefined ? undefined : Number(raw);
    if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 10_000)) {
      throw new AwsError(
        'InvalidParameterValueException',
        `1 validation error detected: Value '${raw}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000`,
      );
    }
    const page = withTokenError(
      () =>
        paginate(
          call.regionState.lambda.functions,
          { token: call.params.get('Marker'), requested: max, defaultSize: 50, maxSize: 50 },
          call.sim.faults.current.pagination,
        ),
      () => new AwsError('InvalidParameterValueException', 'Invalid marker'),
    );
    return ok({
      Functions: page.items.map((f) => functionConfiguration(f)),
      ...(page.nextToken ? { NextMarker: page.nextToken } : {}),
    });
  },
};
