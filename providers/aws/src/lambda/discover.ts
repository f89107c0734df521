import type { Resource } from '@escher/protocol';
import type { AwsContext } from '../core/context.ts';
import { mapLimit } from '@escher/provider-api';
import { listFunctions } from './list-functions.ts';
import { listFunctionTags } from './list-tags.ts';
import { normaliseFunction } from './normalise-function.ts';

/** Lambda functions of one region, each with its tags. */
export async function* discoverFunctions(ctx: AwsContext): AsyncGenerator<Resource[]> {
  for await (const page of listFunctions(ctx)) {
    const tags = await mapLimit(page, ctx.itemConcurrency, (fn) =>
      fn.FunctionArn ? listFunctionTags(ctx, fn.FunctionArn) : Promise.resolve({}),
    );
    yield page.map((fn, i) => normaliseFunction(fn, ctx, tags[i]!, ctx.now()));
  }
}
