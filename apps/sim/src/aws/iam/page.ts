import { paginate } from '../../core/paginate.ts';
import type { AwsCall } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';

/** IAM's `Marker` / `MaxItems` (1–1000, default 100) paging, answered with `IsTruncated` + `Marker`. */
export function iamPage<T>(
  call: AwsCall,
  all: readonly T[],
): { items: T[]; IsTruncated: boolean; Marker: string | undefined } {
  const max = call.params.int('MaxItems');
  if (max !== undefined && (max < 1 || max > 1000)) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${max}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`,
    );
  }
  const page = paginate(
    all,
    { token: call.params.get('Marker'), requested: max, defaultSize: 100, maxSize: 1000 },
    call.sim.faults.current.pagination,
  );
  return { items: page.items, IsTruncated: page.nextToken !== undefined, Marker: page.nextToken };
}

/** IAM's 404 for a user, role or login profile that does not exist. */
export function noSuchEntity(message: string): AwsError {
  return new AwsError('NoSuchEntity', message, 404);
}

export const iso = (ms: number): Date => new Date(ms);
