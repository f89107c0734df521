import { ListFunctionsCommand, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { paginate } from '../core/paginate.ts';

/** Lambda ListFunctions, 50 a page (its maximum). */
export function listFunctions(ctx: AwsContext): AsyncGenerator<FunctionConfiguration[]> {
  return paginate(async (Marker) => {
    const out = await call(ctx, { service: 'lambda', operation: 'ListFunctions' }, (o) =>
      ctx.clients.lambda.send(new ListFunctionsCommand({ MaxItems: 50, Marker }), o),
    );
    return { items: out.Functions, next: out.NextMarker };
  });
}
