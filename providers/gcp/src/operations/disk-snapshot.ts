import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { GcpContext } from '../context.ts';
import { computeChange } from './core/compute-operation.ts';

/** Params of both snapshot operations: labels to put on the new snapshots. */
export const snapshotParams = z.object({ labels: z.record(z.string(), z.string()).optional() }).strict();

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
  labels: Record<string, string> | undefined,
): Promise<string> {
  const name = snapshotName(disk.name);
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
        snapshotResource: { name, ...(labels ? { labels } : {}) },
      }),
  );
  return `//compute.googleapis.com/projects/${disk.project}/global/snapshots/${name}`;
}
