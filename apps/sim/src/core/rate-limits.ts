import type { CallInfo } from './call.ts';

/** One rate-limit bucket a call draws from. Keys group calls that share a quota. */
export interface BucketSpec {
  key: string;
  capacity: number;
  refillPerSecond: number;
}

/**
 * Default limits, modelled on each cloud's documented throttling:
 * - EC2: per account and region, non-mutating bucket 100 refilled at 20/s, mutating 50 at 5/s.
 * - Other AWS query/JSON services: a per-service bucket per account and region; Cost Explorer is
 *   famously tight (5 at 1/s); IAM is global.
 * - Azure ARM: per subscription, reads 250 refilled at 25/s, writes 200 at 10/s (the 2024
 *   token-bucket model, reported in `x-ms-ratelimit-remaining-subscription-*`); Resource Graph 15
 *   per 5 s per user.
 * - GCP: per project and API, per-minute quotas (compute reads 1,500/min) modelled as a bucket of
 *   one minute's quota refilled evenly.
 */
export function defaultBucket(call: CallInfo): BucketSpec {
  const rw = call.mutating ? 'write' : 'read';
  switch (call.cloud) {
    case 'aws': {
      const scope = `aws:${call.account}:${call.region}:${call.service}`;
      if (call.service === 'ec2')
        return call.mutating
          ? { key: `${scope}:write`, capacity: 50, refillPerSecond: 5 }
          : { key: `${scope}:read`, capacity: 100, refillPerSecond: 20 };
      if (call.service === 'ce') return { key: scope, capacity: 5, refillPerSecond: 1 };
      if (call.service === 's3') return { key: `${scope}:${rw}`, capacity: 3500, refillPerSecond: 3500 };
      if (call.service === 'iam' || call.service === 'sts')
        return { key: `aws:${call.account}:global:${call.service}`, capacity: 20, refillPerSecond: 10 };
      return { key: `${scope}:${rw}`, capacity: 50, refillPerSecond: 20 };
    }
    case 'azure':
      if (call.service === 'resourcegraph')
        return { key: `azure:${call.account}:resourcegraph`, capacity: 15, refillPerSecond: 3 };
      return call.mutating
        ? { key: `azure:${call.account}:writes`, capacity: 200, refillPerSecond: 10 }
        : { key: `azure:${call.account}:reads`, capacity: 250, refillPerSecond: 25 };
    case 'gcp': {
      const perMinute = call.service === 'compute' ? 1500 : call.service === 'sqladmin' ? 180 : 600;
      return {
        key: `gcp:${call.account}:${call.service}:${rw}`,
        capacity: perMinute,
        refillPerSecond: perMinute / 60,
      };
    }
  }
}
