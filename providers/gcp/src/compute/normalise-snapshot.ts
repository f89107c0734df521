import type { protos } from '@google-cloud/compute';
import type { Resource } from '@escher/protocol';
import { computeIdOf, isoTime, kmsKeyId, labelsOf, toNumber } from '../names.ts';
import { gcpResource, related } from '../resource.ts';

type Snapshot = protos.google.cloud.compute.v1.ISnapshot;

const STATES: Readonly<Record<string, string>> = {
  CREATING: 'pending',
  UPLOADING: 'pending',
  READY: 'available',
  FAILED: 'failed',
  DELETING: 'deleting',
};

/** A snapshot's status as a SPEC state (READY → available). */
export function snapshotState(status: string | null | undefined): string {
  return (status && STATES[status]) || 'unknown';
}

/**
 * A disk snapshot (a global resource). `size` is the source disk's GiB; `public` is true when its
 * IAM policy grants `allUsers` or `allAuthenticatedUsers` (`publicMembers` lists them).
 * Snapshots are always encrypted.
 */
export function normaliseSnapshot(
  record: Snapshot,
  project: string,
  publicMembers: readonly string[],
): Resource {
  const kmsKey = kmsKeyId(record.snapshotEncryptionKey?.kmsKeyName);
  return gcpResource({
    nativeId: `//compute.googleapis.com/projects/${project}/global/snapshots/${record.name}`,
    account: project,
    region: 'global',
    type: 'compute.snapshot',
    nativeType: 'compute.googleapis.com/Snapshot',
    name: record.name ?? '',
    state: snapshotState(record.status),
    tags: labelsOf(record.labels),
    createdAt: isoTime(record.creationTimestamp),
    attributes: {
      size: toNumber(record.diskSizeGb),
      storageBytes: toNumber(record.storageBytes),
      storageLocation: record.storageLocations?.[0] ?? undefined,
      sourceDisk: computeIdOf(record.sourceDisk),
      public: publicMembers.length > 0,
      publicMembers: publicMembers.length ? [...publicMembers] : undefined,
      encrypted: true,
      encryption: kmsKey ? 'customer-managed' : 'google-managed',
      kmsKeyName: kmsKey,
      autoCreated: record.autoCreated ?? false,
    },
    relationships: [related('snapshot-of', computeIdOf(record.sourceDisk)), related('uses-key', kmsKey)],
  });
}
