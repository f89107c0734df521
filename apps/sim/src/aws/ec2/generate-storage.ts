import { isoDay } from '../../estate/cost.ts';
import { MISCONFIG_RATES } from '../../estate/misconfig-rates.ts';
import type { Rng } from '../../core/rng.ts';
import { zonesOf } from './catalog.ts';
import type { Ec2GenScope } from './gen-scope.ts';
import { ec2Id } from './ids.ts';
import type { Ec2Instance, Ec2Volume, VolumeType } from './state.ts';

const DATA_DEVICES = ['/dev/sdf', '/dev/sdg', '/dev/sdh', '/dev/sdi', '/dev/sdj', '/dev/sdk'];
const DATA_TYPES: readonly (readonly [VolumeType, number])[] = [
  ['gp3', 55],
  ['gp2', 25],
  ['io2', 8],
  ['io1', 3],
  ['st1', 6],
  ['sc1', 3],
];

/**
 * Volumes beyond the instances' root volumes (`total` counts both): data volumes attached to
 * instances, and unattached ones at the `compute.volume.unattached` rate of all volumes.
 */
export function generateDataVolumes(g: Ec2GenScope, total: number): void {
  const rng = g.ctx.rng.fork('ec2-volumes');
  const instances = [...g.state.instances.values()];
  // The home region always has an unattached volume, even when roots use up the budget.
  const extra = Math.max(g.home ? 1 : 0, total - g.state.volumes.size);
  if (extra === 0) return;
  const unattachedShare = Math.min(1, (MISCONFIG_RATES['compute.volume.unattached'] * total) / extra);
  const zones = zonesOf(g.region);
  for (let n = 0; n < extra; n++) {
    const unattached = instances.length === 0 || g.draw(rng, 'compute.volume.unattached', unattachedShare);
    const instance = unattached ? undefined : rng.pick(instances);
    const device = instance
      ? DATA_DEVICES[(instance.blockDevices.length - 1) % DATA_DEVICES.length]!
      : undefined;
    const volumeType = rng.weighted(DATA_TYPES);
    const size =
      volumeType === 'st1' || volumeType === 'sc1'
        ? rng.pick([500, 1000, 2000, 4000])
        : rng.pick([20, 50, 100, 200, 500, 1000, 2000]);
    const { app, env } = g.owner(rng);
    const created = instance ? Math.max(instance.launchTime, g.daysAgo(rng, 1, 700)) : g.daysAgo(rng, 1, 900);
    const encrypted = !g.draw(rng, 'compute.volume.unencrypted');
    const id = ec2Id(rng, 'vol');
    const name = instance
      ? `${instance.tags['Name'] ?? app}-data`
      : rng.chance(0.5)
        ? `${app}-${rng.pick(['data', 'scratch', 'backup', 'old'])}`
        : undefined;
    const tags = g.tags(rng, app, env, name);
    const volume: Ec2Volume = {
      id,
      size,
      volumeType,
      ...volumePerformance(rng, volumeType, size),
      az: instance ? instance.az : rng.pick(zones).name,
      createTime: created,
      encrypted,
      kmsKeyId: encrypted ? g.ebsKey : undefined,
      snapshotId: rng.chance(0.15) ? ec2Id(rng, 'snap') : '',
      state: instance ? 'in-use' : 'available',
      attachment:
        instance && device
          ? { instanceId: instance.id, device, attachTime: created, deleteOnTermination: false }
          : undefined,
      tags,
    };
    if (instance && device)
      instance.blockDevices.push({
        deviceName: device,
        volumeId: id,
        attachTime: created,
        deleteOnTermination: false,
      });
    g.state.volumes.set(id, volume);
    g.record('compute.volume', 'volume', id, tags);
    if (!encrypted) g.misconfig('compute.volume.unencrypted', 'volume', id);
    if (!instance) g.misconfig('compute.volume.unattached', 'volume', id);
  }
}

/** Provisioned IOPS and throughput as DescribeVolumes reports them per type. */
export function volumePerformance(
  rng: Rng,
  type: VolumeType,
  size: number,
): { iops?: number; throughput?: number } {
  switch (type) {
    case 'gp3':
      return rng.chance(0.8)
        ? { iops: 3000, throughput: 125 }
        : { iops: rng.pick([4000, 6000, 10000, 16000]), throughput: rng.pick([250, 500, 1000]) };
    case 'gp2':
      return { iops: Math.min(16_000, Math.max(100, size * 3)) };
    case 'io1':
    case 'io2':
      return { iops: rng.pick([1000, 2000, 5000, 10000, 20000, 32000]) };
    default:
      return {};
  }
}

/**
 * Snapshots of this region's volumes: some older than 90 days before the epoch (the
 * `compute.snapshot.old` rate; the others are at most 60 days old, so they stay young for a month
 * of simulated time), a few public (`createVolumePermission` group `all`).
 */
export function generateSnapshots(g: Ec2GenScope, count: number): void {
  const rng = g.ctx.rng.fork('ec2-snapshots');
  const volumes = [...g.state.volumes.values()];
  const instancesByVolume = new Map<string, Ec2Instance>();
  for (const i of g.state.instances.values()) instancesByVolume.set(i.blockDevices[0]!.volumeId, i);
  for (let n = 0; n < count; n++) {
    const volume = volumes.length > 0 ? rng.pick(volumes) : undefined;
    const old = g.draw(rng, 'compute.snapshot.old');
    const isPublic = g.draw(rng, 'compute.snapshot.public');
    const startTime = old ? g.daysAgo(rng, 91, 1100) : g.daysAgo(rng, 0.05, 60);
    const { app, env } = g.owner(rng);
    const instance = volume ? instancesByVolume.get(volume.id) : undefined;
    const description = instance
      ? `Created by CreateImage(${instance.id}) for ami-${rng.hex(17)}`
      : rng.pick([
          `daily-backup-${isoDay(startTime)}`,
          `${app} before upgrade`,
          'manual snapshot',
          '',
          `This snapshot is created by the AWS Backup service.`,
        ]);
    const encrypted = volume ? volume.encrypted : !rng.chance(MISCONFIG_RATES['compute.volume.unencrypted']);
    const id = ec2Id(rng, 'snap');
    const tags = g.tags(
      rng,
      app,
      env,
      rng.chance(0.5) ? `${volume?.tags['Name'] ?? app}-snap-${isoDay(startTime)}` : undefined,
    );
    g.state.snapshots.set(id, {
      id,
      volumeId: volume?.id ?? ec2Id(rng, 'vol'),
      volumeSize: volume?.size ?? rng.pick([8, 20, 100, 500]),
      startTime,
      description,
      encrypted,
      kmsKeyId: encrypted ? (volume?.kmsKeyId ?? g.ebsKey) : undefined,
      ownerId: g.account,
      public: isPublic,
      sharedWith: !isPublic && rng.chance(0.03) ? [rng.digits(12)] : [],
      state: 'completed',
      tags,
    });
    g.record('compute.snapshot', 'snapshot', id, tags);
    if (old) g.misconfig('compute.snapshot.old', 'snapshot', id);
    if (isPublic) g.misconfig('compute.snapshot.public', 'snapshot', id);
  }
}
