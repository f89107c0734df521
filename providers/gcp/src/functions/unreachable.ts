import { OperationalError } from '@escher/protocol';
import type { GcpContext } from '../context.ts';

/**
 * A `locations/-` list that could not reach some locations is partial; taken as complete it would
 * read as deleted functions. Failing the scope lets the scanner retry and keep what it knew.
 */
export function failOnUnreachable(ctx: GcpContext, unreachable: readonly string[] | null | undefined): void {
  if (!unreachable?.length) return;
  throw new OperationalError(
    'gcp-partial-result',
    `Cloud Functions could not list ${unreachable.join(', ')} in ${ctx.project}.`,
    { details: { account: ctx.project, service: 'cloudfunctions', unreachable: [...unreachable] } },
  );
}
