import type { protos } from '@google-cloud/compute';
import type { Resource } from '@escher/protocol';
import { computeIdOf, isoTime, kmsKeyId, labelsOf, lastSegment, regionOfZone, toNumber } from '../names.ts';
import { gcpResource, related } from '../resource.ts';

type Disk = protos.google.cloud.compute.v1.IDisk;

/** Disk statuses → SPEC states; a READY disk is `in-use` when attached, else `available`. */
export function diskState(status: string | null | undefined, attached: boolean): string {
  switch (status) {
    case 'READY':
      return attached ? 'in-use' : 'available';
    case 'CREATING':
    case 'RESTORING':
      return 'pending';
    case 'DELETING':
      return 'deleting';
    case 'FAILED':
      return 'failed';
    default:
      return 'unknown';
  }
}

/**
 * A persistent disk (zonal or regional). `size` is GiB. Google encrypts every disk, so `encrypted` is always
 * true; `encryption` says whose key (`customer-managed` with `kmsKeyName`, else `google-managed`).
 * `attachedTo` is the first instance using it (undefined: unattached).
 */
export function normaliseDisk(record: Disk, project: string): Resource {
  // Zonal disks, and regional (replicated) disks which aggregated lists also return.
  const zone = lastSegment(record.zone);
  const region = zone ? regionOfZone(zone) : (lastSegment(record.region) ?? 'global');
  const scope = zone ? `zones/${zone}` : `regions/${region}`;
  const users = (record.users ?? []).map((u) => computeIdOf(u)).filter((u): u is string => !!u);
  const kmsKey = kmsKeyId(record.diskEncryptionKey?.kmsKeyName);
  return gcpResource({
    nativeId: `//compute.googleapis.com/projects/${project}/${scope}/disks/${record.name}`,
    account: project,
    region,
    zone,
    type: 'compute.volume',
    nativeType: 'compute.googleapis.com/Disk',
    name: record.name ?? '',
    state: diskState(record.status, users.length > 0),
    tags: labelsOf(record.labels),
    createdAt: isoTime(record.creationTimestamp),
    attributes: {
      size: toNumber(record.sizeGb),
      diskType: lastSegment(record.type),
      encrypted: true,
      encryption: kmsKey ? 'customer-managed' : 'google-managed',
      kmsKeyName: kmsKey,
      attachedTo: users[0],
      attached: users.length > 0,
      sourceImage: lastSegment(record.sourceImage),
      lastAttachAt: isoTime(record.lastAttachTimestamp),
      lastDetachAt: isoTime(record.lastDetachTimestamp),
    },
    relationships: [...users.map((u) => related('attached-to', u)), related('uses-key', kmsKey)],
  });
}
