import { resourcesOfType } from '../estate.ts';
import type { SnapshotRecord } from '../records.ts';
import { T } from '../records.ts';
import { add, DAY_MS, draw, misconfig, nextSeq, tagsFor, type AzureGenContext } from './context.ts';

/**
 * Disk snapshots, taken of existing disks in the disk's group and region. Old ones (> 90 days) and
 * publicly exportable ones (publicNetworkAccess Enabled + networkAccessPolicy AllowAll) at their rates.
 */
export function generateSnapshots(ctx: AzureGenContext, count: number): void {
  const rng = ctx.rng.fork('snapshots');
  const disks = resourcesOfType(ctx.az, T.disk);
  if (disks.length === 0) return;
  const groupsById = new Map(ctx.groups.map((g) => [g.group.id.toLowerCase(), g]));
  for (let i = 0; i < count; i++) {
    const disk = rng.pick(disks);
    const g = groupsById.get(
      `/subscriptions/${disk.subscriptionId}/resourcegroups/${disk.resourceGroup}`.toLowerCase(),
    )!;
    const old = draw(rng, 'compute.snapshot.old');
    const ageDays = old ? rng.int(91, 800) : rng.int(0, 89);
    const createdAt = ctx.epoch - ageDays * DAY_MS - rng.int(0, DAY_MS - 1);
    const day = new Date(createdAt).toISOString().slice(0, 10).replace(/-/g, '');
    const stem = disk.name.includes('_OsDisk_') ? disk.name.split('_OsDisk_')[0]! : disk.name;
    const name = rng.chance(0.5)
      ? `${stem}-snap-${day}-${nextSeq(ctx, 'snap')}`
      : `snapshot-${stem}-${nextSeq(ctx, 'snap')}`;
    const publicAccess = draw(rng, 'compute.snapshot.public');
    const snap: SnapshotRecord = {
      id: `/subscriptions/${disk.subscriptionId}/resourceGroups/${disk.resourceGroup}/providers/${T.snapshot}/${name}`,
      name,
      subscriptionId: disk.subscriptionId,
      resourceGroup: disk.resourceGroup,
      location: disk.location,
      tags: tagsFor(rng, g),
      createdAt,
      type: T.snapshot,
      uniqueId: rng.uuid(),
      sourceDiskId: disk.id,
      sizeGb: disk.sizeGb,
      osType: disk.osType,
      incremental: rng.chance(0.6),
      publicAccess,
      sku: rng.pick(['Standard_LRS', 'Standard_ZRS', 'Premium_LRS']),
    };
    add(ctx, snap, 'compute.snapshot');
    if (old) misconfig(ctx, 'compute.snapshot.old', snap.id);
    if (publicAccess) misconfig(ctx, 'compute.snapshot.public', snap.id);
  }
}
