import { ListTagsCommand } from '@aws-sdk/client-lambda';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

/** Lambda ListTags of one function (ListFunctions leaves tags out). */
export async function listFunctionTags(
  ctx: AwsContext,
  functionArn: string,
): Promise<Record<string, string>> {
  const out = await call(ctx, { service: 'lambda', operation: 'ListTags' }, (o) =>
    ctx.clients.lambda.send(new ListTagsCommand({ Resource: functionArn }), o),
  );
  return out.Tags ?? {};
}
