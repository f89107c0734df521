import { InvalidPageToken, paginate, type Page } from '../core/paginate.ts';
import { GcpError } from './errors.ts';
import { intParam, type GcpCall } from './route.ts';

/**
 * Pages a list for the `pageSize`/`pageToken` style APIs (GKE aside: KMS, IAM, Functions,
 * Monitoring, Resource Manager), applying the pagination faults; a foreign token is 400.
 */
export function pageOf<T>(
  call: GcpCall,
  items: readonly T[],
  options: { defaultSize: number; maxSize: number; sizeParam?: string; requested?: number },
): Page<T> {
  const requested =
    'requested' in options ? options.requested : intParam(call.query, options.sizeParam ?? 'pageSize');
  try {
    return paginate(
      items,
      {
        token: call.query.get('pageToken') || undefined,
        requested: requested || undefined,
        defaultSize: options.defaultSize,
        maxSize: options.maxSize,
      },
      call.sim.faults.current.pagination,
    );
  } catch (error) {
    if (error instanceof InvalidPageToken)
      throw new GcpError(400, 'badRequest', `Invalid page token: ${error.token.slice(0, 100)}`);
    throw error;
  }
}
