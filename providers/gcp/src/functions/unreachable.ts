import type { GcpContext } from '../context.ts';
import { partialResult } from '../errors.ts';

/** Fails a Cloud Functions `locations/-` page that could not reach some locations. */
export function failOnUnreachable(ctx: GcpContext, unreachable: readonly string[] | null | undefined): void {
  if (unreachable?.length) throw partialResult('cloudfunctions', ctx.project, unreachable);
}
