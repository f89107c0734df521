import type { Resource } from '@escher/protocol';
import { arnResourceId } from '../core/arn.ts';

/** The EC2 id an ARN ends in (`i-…`, `vol-…`, `snap-…`, `sg-…`, `eipalloc-…`). */
export function ec2Id(target: Resource): string {
  return arnResourceId(target.nativeId);
}

/** The `{ service, operation }` of an EC2 call (its rate-limit family). */
export const ec2Op = (operation: string) => ({ service: 'ec2', operation }) as const;
