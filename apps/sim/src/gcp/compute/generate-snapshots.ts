import { MISCONFIG_RATES } from '../../estate/misconfig-rates.ts';
import { regionOfZone } from '../catalog.ts';
import { computeFullName, computeId } from '../ids.ts';
import {
  counted,
  drawMisconfig,
  envAndApp,
  labelsFor,
  NameSet,
  type GcpGenContext,
} from '../generate-context.ts';
import type { GceSnapshot } from './types.ts';

const DAY = 86_400_000;

export function snapshotFullName(s: Pick<GceSnapshot, 'project' | 'name'>): string {
  return computeFullName(`projects/${s.project}/global/snapshots/${s.name}`);
}

/**
 * Disk snapshots (global resources) of one project's disks. Older than 90 days at the
 * `compute.snapshot.old` rate; shared with `allAuthenticatedUsers` through the snapshot's IAM
 * policy at the `compute.snapshot.public` rate.
 */
export function generateSnapshots(ctx: GcpGenContext): void {
  const rng = ctx.rng.fork('snapshots');
  const project = ctx.project.projectId;
  const disks = ctx.estate.compute.disks.list(project);
  if (disks.length === 0) return;
  const names = new NameSet();
  for (let i = 0; i < ctx.budget.snapshots; i++) {
    const disk = rng.pick(disks);
    const old = rng.chance(MISCONFIG_RATES['compute.snapshot.old']);
    const ageDays = old ? rng.int(91, 720) : rng.int(1, 85);
    const createdMs = ctx.epoch - ageDays * DAY - rng.int(0, DAY - 1);
    const stamp = new Date(createdMs).toISOString().slice(0, 10).replace(/-/g, '');
    const auto = rng.chance(0.4);
    const snapshot: GceSnapshot = {
      project,
      scope: 'global',
      name: names.take(
        auto
          ? `${disk.name.slice(0, 30)}-${regionOfZone(disk.scope)}-${stamp}${rng.hex(6)}`
          : `${disk.name.slice(0, 40)}-snap-${stamp}`,
      ),
      id: computeId(rng),
      createdMs,
      sourceDisk: { zone: disk.scope, name: disk.name, id: disk.id },
      diskSizeGb: disk.sizeGb,
      storageBytes: Math.round(disk.sizeGb * 1024 ** 3 * rng.float(0.05, 0.6)),
      storageLocation: regionOfZone(disk.scope),
      labels: {},
      iamMembers: [],
      autoCreated: auto,
    };
    const id = snapshotFullName(snapshot);
    if (old) ctx.manifest.misconfig('compute.snapshot.old', id);
    if (drawMisconfig(ctx, rng, 'compute.snapshot.public', id))
      snapshot.iamMembers = ['allAuthenticatedUsers'];
    const { env, app } = envAndApp(ctx, rng);
    snapshot.labels = labelsFor(ctx, rng, id, env, app);
    ctx.estate.compute.snapshots.add(snapshot);
    counted(ctx, 'compute.snapshot');
  }
}
