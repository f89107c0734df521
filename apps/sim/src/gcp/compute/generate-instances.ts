import type { Rng } from '../../core/rng.ts';
import { cpuProfile } from '../../estate/metrics.ts';
import { resourceName } from '../../estate/naming.ts';
import { COMMON_MACHINE_TYPES, IMAGES, zonesOf } from '../catalog.ts';
import { computeFullName, computeId } from '../ids.ts';
import {
  counted,
  drawMisconfig,
  envAndApp,
  labelsFor,
  NameSet,
  type GcpGenContext,
} from '../generate-context.ts';
import { accountsOf, defaultComputeAccount } from '../iam/generate.ts';
import { pickCmekKey } from '../kms/generate.ts';
import { allocatePrivateIp } from './generate-network.ts';
import type { GceDisk, GceInstance, GceSubnetwork } from './types.ts';

const ROLES = [
  'api',
  'web',
  'worker',
  'batch',
  'cache',
  'app',
  'vm',
  'jump',
  'db',
  'ml',
  'queue',
  'proxy',
] as const;
const DAY = 86_400_000;

export function instanceFullName(i: Pick<GceInstance, 'project' | 'scope' | 'name'>): string {
  return computeFullName(`projects/${i.project}/zones/${i.scope}/instances/${i.name}`);
}

export function diskFullName(d: Pick<GceDisk, 'project' | 'scope' | 'name'>): string {
  return computeFullName(`projects/${d.project}/zones/${d.scope}/disks/${d.name}`);
}

/**
 * Instances of one project, each with a boot disk named like the instance, then extra disks:
 * data disks attached to instances in the same zone, and unattached ones at the
 * `compute.volume.unattached` rate. Public IPs (`compute.instance.public-ip`) are ephemeral on
 * running instances; a stopped public instance keeps a static address (see addresses).
 * Running instances are idle (`compute.instance.idle`) at the documented rate.
 */
export function generateInstances(ctx: GcpGenContext): void {
  const rng = ctx.rng.fork('instances');
  const { compute } = ctx.estate;
  const project = ctx.project.projectId;
  const subnets = subnetsByRegion(ctx);
  const accounts = accountsOf(ctx);
  const zoneNames = new Map<string, NameSet>();
  const names = (zone: string): NameSet => {
    let set = zoneNames.get(zone);
    if (!set) zoneNames.set(zone, (set = new NameSet()));
    return set;
  };
  const instances: GceInstance[] = [];
  for (let i = 0; i < ctx.budget.instances; i++) {
    const region = rng.pick(ctx.project.regions);
    const zone = rng.pick(zonesOf(region));
    const { env, app } = envAndApp(ctx, rng);
    const name = names(zone).take(resourceName(rng, app, rng.pick(ROLES), env, i + 1));
    const state = rng.weighted([
      ['RUNNING', 78],
      ['TERMINATED', 20],
      ['SUSPENDED', 2],
    ] as const);
    const createdMs = ctx.epoch - rng.int(3, 900) * DAY - rng.int(0, DAY);
    const subnet = rng.pick(subnets.get(region)!);
    const image = rng.pick(IMAGES);
    const inst: GceInstance = {
      project,
      scope: zone,
      name,
      id: computeId(rng),
      createdMs,
      state,
      machineType: rng.weighted(COMMON_MACHINE_TYPES),
      description: rng.chance(0.3) ? `${app} ${env} server` : '',
      labels: {},
      networkTags: rng.chance(0.6)
        ? [rng.pick(['http-server', 'https-server', 'ssh', app, `${app}-${env}`])]
        : [],
      nics: [{ network: subnet.network, subnet: subnet.name, networkIP: allocatePrivateIp(subnet) }],
      disks: [],
      serviceAccount: rng.chance(0.9)
        ? rng.chance(0.55)
          ? defaultComputeAccount(ctx.project.projectNumber)
          : rng.pick(accounts)
        : undefined,
      image: { project: image.project, image: image.image, cpuPlatform: image.cpuPlatform },
      lastStartMs: Math.max(createdMs, ctx.epoch - rng.int(1, 120) * DAY - rng.int(0, DAY)),
      cpu: cpuProfile(rng, false),
      deletionProtection: env === 'prod' && rng.chance(0.08),
    };
    if (state !== 'RUNNING') inst.lastStopMs = inst.lastStartMs + rng.int(1, 40) * 3_600_000;
    const id = instanceFullName(inst);
    if (drawMisconfig(ctx, rng, 'compute.instance.public-ip', id)) inst.nics[0]!.natIP = ctx.nextExternalIp();
    if (state === 'RUNNING' && drawMisconfig(ctx, rng, 'compute.instance.idle', id))
      inst.cpu = cpuProfile(rng, true);
    inst.labels = labelsFor(ctx, rng, id, env, app);
    compute.instances.add(inst);
    counted(ctx, 'compute.instance');
    instances.push(inst);
    const boot: GceDisk = {
      project,
      scope: zone,
      name,
      id: computeId(rng),
      createdMs,
      sizeGb: image.project === 'windows-cloud' ? 50 : rng.pick([10, 10, 20, 30, 50, 100]),
      type: rng.weighted([
        ['pd-balanced', 6],
        ['pd-standard', 2],
        ['pd-ssd', 2],
      ] as const),
      users: [name],
      sourceImage: { project: image.project, image: image.image },
      kmsKeyName: rng.chance(0.2) ? pickCmekKey(ctx, rng, region) : undefined,
      labels: {},
      lastAttachMs: createdMs,
    };
    boot.labels = labelsFor(ctx, rng, diskFullName(boot), env, app);
    addDisk(ctx, boot);
    inst.disks.push({ name, boot: true, autoDelete: true, sizeGb: boot.sizeGb });
  }
  generateExtraDisks(ctx, rng, instances);
}

function generateExtraDisks(ctx: GcpGenContext, rng: Rng, instances: GceInstance[]): void {
  const extras = ctx.budget.extraDisks;
  if (extras <= 0) return;
  // Hit the documented unattached rate over all disks, boot disks included.
  const unattachedRate = Math.min(1, (0.1 * (extras + instances.length)) / extras);
  const diskNames = new Map<string, NameSet>();
  for (let i = 0; i < extras; i++) {
    const attachTo = instances.length > 0 && !rng.chance(unattachedRate) ? rng.pick(instances) : undefined;
    const zone = attachTo ? attachTo.scope : rng.pick(zonesOf(rng.pick(ctx.project.regions)));
    let names = diskNames.get(zone);
    if (!names) diskNames.set(zone, (names = new NameSet()));
    // Boot disks took the instance names in this zone; keep data disk names apart from them.
    const { env, app } = envAndApp(ctx, rng);
    const base = attachTo
      ? `${attachTo.name}-data-${attachTo.disks.length}`
      : `${app}-${rng.pick(['data', 'scratch', 'backup', 'old', 'restore'])}-disk-${i + 1}`;
    const name = names.take(
      ctx.estate.compute.disks.get(ctx.project.projectId, zone, base) ? `${base}-x` : base,
    );
    const disk: GceDisk = {
      project: ctx.project.projectId,
      scope: zone,
      name,
      id: computeId(rng),
      createdMs: ctx.epoch - rng.int(2, 700) * DAY,
      sizeGb: rng.pick([50, 100, 200, 250, 500, 1000, 2000]),
      type: rng.weighted([
        ['pd-balanced', 5],
        ['pd-standard', 3],
        ['pd-ssd', 2],
        ['hyperdisk-balanced', 1],
      ] as const),
      users: attachTo ? [attachTo.name] : [],
      kmsKeyName: rng.chance(0.25) ? pickCmekKey(ctx, rng, zone.replace(/-[a-z]$/, '')) : undefined,
      labels: {},
      lastAttachMs: attachTo ? attachTo.createdMs : undefined,
    };
    const id = diskFullName(disk);
    if (!attachTo) ctx.manifest.misconfig('compute.volume.unattached', id);
    disk.labels = labelsFor(ctx, rng, id, env, app);
    addDisk(ctx, disk);
    attachTo?.disks.push({ name, boot: false, autoDelete: false, sizeGb: disk.sizeGb });
  }
}

function addDisk(ctx: GcpGenContext, disk: GceDisk): void {
  ctx.estate.compute.disks.add(disk);
  counted(ctx, 'compute.volume');
}

function subnetsByRegion(ctx: GcpGenContext): Map<string, GceSubnetwork[]> {
  const out = new Map<string, GceSubnetwork[]>();
  for (const s of ctx.estate.compute.subnetworks.list(ctx.project.projectId)) {
    let list = out.get(s.scope);
    if (!list) out.set(s.scope, (list = []));
    list.push(s);
  }
  return out;
}
