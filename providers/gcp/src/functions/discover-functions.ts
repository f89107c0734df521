import type { protos } from '@google-cloud/functions';
import type { Resource } from '@escher/protocol';
import type { GcpContext } from '../context.ts';
import { isoTime } from '../names.ts';
import { listCloudFunctionsV1 } from './list-cloud-functions-v1.ts';
import { listFunctionsV2 } from './list-functions-v2.ts';
import { normaliseCloudFunction } from './normalise-cloud-function.ts';
import { normaliseFunction } from './normalise-function.ts';

/**
 * Cloud Functions of both generations, each once. The v2 API lists both generations (with
 * creation times); the v1 API describes 1st gen functions in their own terms. 1st gen functions
 * are normalised from v1 with v2's creation time, 2nd gen ones from v2.
 */
export async function* discoverFunctions(ctx: GcpContext): AsyncGenerator<Resource[]> {
  const gen1 = new Map<string, protos.google.cloud.functions.v1.ICloudFunction>();
  for await (const page of listCloudFunctionsV1(ctx)) for (const f of page) gen1.set(f.name ?? '', f);
  for await (const page of listFunctionsV2(ctx)) {
    const out = page.map((f) => {
      const v1 = f.environment === 'GEN_1' ? gen1.get(f.name ?? '') : undefined;
      if (!v1) return normaliseFunction(f, ctx.project);
      gen1.delete(f.name ?? '');
      return normaliseCloudFunction(v1, ctx.project, isoTime(f.createTime));
    });
    if (out.length) yield out;
  }
  // 1st gen functions the v2 listing did not return (it should return all of them).
  if (gen1.size) yield [...gen1.values()].map((f) => normaliseCloudFunction(f, ctx.project));
}
