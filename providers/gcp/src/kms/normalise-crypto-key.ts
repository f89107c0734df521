import type { protos } from '@google-cloud/kms';
import type { Resource } from '@escher/protocol';
import { durationSeconds, isoTime, labelsOf } from '../names.ts';
import { gcpResource } from '../resource.ts';

type CryptoKey = protos.google.cloud.kms.v1.ICryptoKey;

/**
 * Primary key version states → SPEC states; a key without a primary (asymmetric) is available. A
 * disabled key, unusable until enabled again, is `stopped`.
 */
const STATES: Readonly<Record<string, string>> = {
  ENABLED: 'available',
  DISABLED: 'stopped',
  PENDING_GENERATION: 'pending',
  PENDING_IMPORT: 'pending',
  DESTROY_SCHEDULED: 'deleting',
  DESTROYED: 'terminated',
  GENERATION_FAILED: 'failed',
  IMPORT_FAILED: 'failed',
};

/** A crypto key's state, from its primary version's state. */
export function keyState(primaryState: unknown, hasPrimary: boolean): string {
  if (!hasPrimary) return 'available';
  return (typeof primaryState === 'string' && STATES[primaryState]) || 'unknown';
}

/**
 * A Cloud KMS crypto key. `rotationEnabled` is true when Google rotates it automatically (a
 * rotation period is set), `rotationPeriodDays` says how often; `enabled` is false when the
 * primary version is disabled.
 */
export function normaliseCryptoKey(record: CryptoKey, project: string): Resource {
  const relative = record.name ?? '';
  const parts = relative.split('/');
  const location = parts[3] ?? 'global';
  const period = durationSeconds(record.rotationPeriod);
  const primaryState = record.primary?.state;
  return gcpResource({
    nativeId: `//cloudkms.googleapis.com/${relative}`,
    account: project,
    region: location,
    type: 'security.key',
    nativeType: 'cloudkms.googleapis.com/CryptoKey',
    name: parts[7] ?? relative,
    state: keyState(primaryState, !!record.primary),
    tags: labelsOf(record.labels),
    createdAt: isoTime(record.createTime),
    attributes: {
      keyRing: parts[5],
      purpose: record.purpose ?? undefined,
      algorithm: record.versionTemplate?.algorithm ?? record.primary?.algorithm ?? undefined,
      protectionLevel:
        record.versionTemplate?.protectionLevel ?? record.primary?.protectionLevel ?? undefined,
      rotationEnabled: period !== undefined && period > 0,
      rotationPeriodDays: period ? Math.round(period / 86_400) : undefined,
      nextRotationAt: isoTime(record.nextRotationTime),
      enabled: record.primary ? primaryState === 'ENABLED' : true,
      primaryVersion: record.primary?.name?.split('/').pop(),
    },
  });
}
