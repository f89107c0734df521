import { randomBytes } from 'node:crypto';
import { operationParams } from '@escher/protocol';
import type { GcpContext } from '../context.ts';
import { computeChange } from './core/compute-operation.ts';

/** Compute Engine resource names: lower-case RFC 1035, at most 63 characters. */
const GCE_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * The catalogue's snapshot params on Compute Engine: `name` a GCE resource name (for an
 * instance, the prefix of each disk's snapshot), `tags` the snapshot's labels.
 */
export const snapshotParams = operationParams('compute.volume.snapshot').superRefine((p, ctx) => {
  if (p.name !== undefined && !GCE_NAME.test(p.name))
    ctx.addIssue({
      code: 'custom',
      path: ['name'],
      message: 'a Compute Engine name: lower-case letters, digits, hyphens, at most 63',
    });
});

/** What a new snapshot is given: its name (default from the disk), description and labels. */
export interface SnapshotSpec {
  name?: string | undefined;
  description?: string | undefined;
  tags?: Record<string, string> | undefined;
}

/**
 * A new snapshot's name: the disk's name, a UTC timestamp and 4 random hex digits, within
 * Compute Engine's rule (lower-case RFC 1035, at most 63 characters), so two runs in the same
 * second do not collide.
 */
export function snapshotName(disk: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const stem =
    disk
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .replace(/^[^a-z]+/, '')
      .slice(0, 40) || 'disk';
  return `${stem.replace(/-+$/, '')}-${stamp}-${randomBytes(2).toString('hex')}`;
}

/**
 * disks.createSnapshot of one zonal disk, waited on until the zone operation is DONE (the
 * snapshot is READY then); resolves to the new snapshot's native id.
 */
export async function createDiskSnapshot(
  ctx: GcpContext,
  disk: { project: string; zone: string; name: string },
  spec: SnapshotSpec,
): Promise<string> {
  const name = spec.name ?? snapshotName(disk.name);
  const labels = spec.tags && Object.keys(spec.tags).length ? spec.tags : undefined;
  const client = await ctx.clients.disks();
  await computeChange(
    ctx,
    { service: 'compute', operation: 'disks.createSnapshot' },
    `snapshot of disk ${disk.name}`,
    () =>
      client.createSnapshot({
        project: disk.project,
        zone: disk.zone,
        disk: disk.name,
        snapshotResource: {
          name,
          ...(labels ? { labels } : {}),
          ...(spec.description ? { description: spec.description } : {}),
        },
      }),
  );
  return `//compute.googleapis.com/projects/${disk.project}/global/snapshots/${name}`;
}
