import { paginate, type Page } from '../../core/paginate.ts';
import type { AwsCall } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { members } from '../protocol/xml.ts';

/**
 * ELBv2 paging: `Marker` / `PageSize` (1–400, default 400) through core/paginate, so page-size
 * and empty-page faults apply; the next marker comes back as `NextMarker`.
 */
export function pageOf<T>(call: AwsCall, all: readonly T[]): Page<T> {
  const size = call.params.int('PageSize');
  if (size !== undefined && (size < 1 || size > 400)) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${size}' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 400`,
    );
  }
  return paginate(
    all,
    { token: call.params.get('Marker') || undefined, requested: size, defaultSize: 400, maxSize: 400 },
    call.sim.faults.current.pagination,
  );
}

const ARN =
  /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:(loadbalancer\/(app|net|gwy)|targetgroup)\/[A-Za-z0-9-]{1,32}(\/[0-9a-f]{16})?$/;

/** Checks an ARN's form: a malformed one is ValidationError, as ELBv2 answers. */
export function checkArn(arn: string, kind: 'load balancer' | 'target group'): void {
  const ok =
    ARN.test(arn) &&
    (kind === 'load balancer' ? arn.includes(':loadbalancer/') : arn.includes(':targetgroup/'));
  if (!ok) throw new AwsError('ValidationError', `'${arn}' is not a valid ${kind} ARN`);
}

/** `Tags` members as ELBv2 returns them. */
export function tagMembers(tags: Record<string, string>): ReturnType<typeof members> {
  return members(Object.entries(tags).map(([Key, Value]) => ({ Key, Value })));
}
