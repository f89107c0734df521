import type { AwsOperation } from '../operation.ts';
import { findFunction, functionConfiguration, ok } from './function-view.ts';

/** Lambda GetFunction: configuration, a code location and the tags. */
export const getFunction: AwsOperation = {
  name: 'GetFunction',
  handle: (call) => {
    const fn = findFunction(call, call.pathParams.FunctionName!);
    return ok({
      Configuration: functionConfiguration(fn, true),
      Code: {
        RepositoryType: 'S3',
        Location: `https://awslambda-${call.region}-tasks.s3.${call.region}.amazonaws.com/snapshots/${call.account.id}/${fn.name}-${fn.revisionId}`,
      },
      Tags: fn.tags,
    });
  },
};
