import { InvalidPageToken, paginate, type Page } from '../core/paginate.ts';
import { GcpError } from './errors.ts';
import { intParam, type GcpCall } from './route.ts';

export interface PageOptions {
  defaultSize: number;
  maxSize: number;
  /** The query parameter of the page size: `pageSize` unless given (`maxResults`). */
  sizeParam?: string;
  /** The page size when the caller has already read it. */
  requested?: number;
  /** The API's own error for a foreign token; `400 badRequest Invalid page token: …` unless given. */
  invalidToken?: (token: string) => GcpError;
}

/**
 * Pages a list for the `pageToken` style APIs (GKE aside: KMS, IAM, Functions, Monitoring,
 * Resource Manager, Compute, Cloud Storage, Cloud SQL), applying the pagination faults; a
 * foreign token is 400.
 */
export function pageOf<T>(call: GcpCall, items: readonly T[], options: PageOptions): Page<T> {
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
    if (error instanceof InvalidPageToken) {
      if (options.invalidToken) throw options.invalidToken(error.token);
      throw new GcpError(400, 'badRequest', `Invalid page token: ${error.token.slice(0, 100)}`);
    }
    throw error;
  }
}
