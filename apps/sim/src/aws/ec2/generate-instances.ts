import type { Rng } from '../../core/rng.ts';
import { cpuProfile } from '../../estate/metrics.ts';
import { resourceName } from '../../estate/naming.ts';
import {
  instanceTypeInfo,
  INSTANCE_TYPE_WEIGHTS,
  OS_WEIGHTS,
  OPERATING_SYSTEMS,
  type OsInfo,
} from './catalog.ts';
import type { VpcPlan } from './generate-network.ts';
import type { Ec2GenScope } from './gen-scope.ts';
import { ec2Id, macAddress, publicIpv4 } from './ids.ts';
import { gmt, nextPrivateIp } from './addressing.ts';
import type { Ec2Instance, Ec2Volume, InstanceStateName } from './state.ts';

const WINDOWS = OPERATING_SYSTEMS.find((o) => o.platform === 'windows')!;
const ROLES = ['api', 'web', 'worker', 'app', 'batch', 'cache', 'proxy', 'bastion', 'node', 'svc'] as const;

/** Instances the address generator may give an Elastic IP. */
export interface PublicCandidates {
  /** Stopped instances drawn public: only an Elastic IP keeps a stopped instance public. */
  stopped: Ec2Instance[];
  /** Running instances with an auto-assigned public IP. */
  running: Ec2Instance[];
}

/**
 * Instances with realistic types, images, launch times before the epoch, mostly running (some
 * stopped), each with an encrypted-or-not root volume, security groups of its VPC, sometimes an
 * IAM instance profile, and a CPU profile (idle ones at the `compute.instance.idle` rate).
 */
export function generateInstances(
  g: Ec2GenScope,
  count: number,
  plans: readonly VpcPlan[],
): PublicCandidates {
  const rng = g.ctx.rng.fork('ec2-instances');
  const amis = new Map<string, { id: string; snapshotId: string }>();
  const amiFor = (os: OsInfo, arch: string): { id: string; snapshotId: string } => {
    const key = `${os.key}:${arch}`;
    let ami = amis.get(key);
    if (!ami) amis.set(key, (ami = { id: ec2Id(rng, 'ami'), snapshotId: ec2Id(rng, 'snap') }));
    return ami;
  };
  const vpcWeights = plans.map((p) => [p, p.vpc.isDefault && plans.length > 1 ? 1 : 4] as const);
  const publicSubnetsOf = new Map(plans.map((p) => [p, p.subnets.filter((s) => s.mapPublicIpOnLaunch)]));
  const candidates: PublicCandidates = { stopped: [], running: [] };

  for (let n = 0; n < count; n++) {
    const plan = rng.weighted(vpcWeights);
    const { app, env } = g.owner(rng);
    const wantsPublic = g.draw(rng, 'compute.instance.public-ip');
    const publicSubnets = publicSubnetsOf.get(plan)!;
    const subnet = wantsPublic && publicSubnets.length > 0 ? rng.pick(publicSubnets) : rng.pick(plan.subnets);
    let type = rng.weighted(INSTANCE_TYPE_WEIGHTS);
    let os = rng.weighted(OS_WEIGHTS);
    // Every home region runs at least one Windows instance (they differ in platform and root device).
    if (g.home && n === 1) {
      os = WINDOWS;
      if (type.architecture === 'arm64') type = instanceTypeInfo('m5.large');
    }
    if (os.platform === 'windows' && type.architecture === 'arm64') os = OPERATING_SYSTEMS[0]!;
    const ami = amiFor(os, type.architecture);
    const state: InstanceStateName = rng.chance(0.8) || n === 0 ? 'running' : 'stopped';
    const created = g.daysAgo(rng, 1, 900);
    const launchTime =
      state === 'running' && rng.chance(0.3)
        ? g.daysAgo(rng, 0.5, (g.epoch - created) / 86_400_000)
        : created;
    const name = resourceName(rng, app, rng.pick(ROLES), env, n + 1);
    const tags = g.tags(rng, app, env, name);
    const id = ec2Id(rng, 'i');
    const groups = plan.groups.length > 0 ? pickSome(rng, plan.groups, rng.int(1, 2)) : [];
    if (groups.length === 0 || rng.chance(0.1)) groups.push(plan.defaultGroup);
    const idle = state === 'running' && g.draw(rng, 'compute.instance.idle');

    const rootVolume = rootVolumeFor(g, rng, id, os, subnet.az, created, app, env, name);
    const instance: Ec2Instance = {
      id,
      reservationId: ec2Id(rng, 'r'),
      imageId: ami.id,
      instanceType: type.name,
      architecture: type.architecture,
      platform: os.platform,
      launchTime,
      az: subnet.az,
      vpcId: plan.vpc.id,
      subnetId: subnet.id,
      privateIp: nextPrivateIp(subnet),
      autoPublicIp: wantsPublic && state === 'running',
      publicIp: wantsPublic && state === 'running' ? publicIpv4(rng) : undefined,
      eniId: ec2Id(rng, 'eni'),
      macAddress: macAddress(rng),
      securityGroupIds: groups.map((s) => s.id),
      blockDevices: [
        {
          deviceName: os.rootDeviceName,
          volumeId: rootVolume.id,
          attachTime: created,
          deleteOnTermination: true,
        },
      ],
      rootDeviceName: os.rootDeviceName,
      keyName: rng.chance(0.7) ? rng.pick([`${app}-${env}`, 'ops-key', `${app}-deploy`]) : undefined,
      iamInstanceProfile: rng.chance(0.5)
        ? {
            arn: `arn:aws:iam::${g.account}:instance-profile/${app}-${env}-ec2`,
            id: `AIPA${rng.upperAlnum(17)}`,
          }
        : undefined,
      monitoring: rng.chance(0.15) ? 'enabled' : 'disabled',
      amiLaunchIndex: 0,
      transitionReason: '',
      state,
      tags,
      cpu: cpuProfile(rng, idle),
    };
    if (state === 'stopped') {
      const stoppedAt = g.daysAgo(rng, 0.1, Math.max(0.2, (g.epoch - launchTime) / 86_400_000));
      instance.transitionReason = `User initiated (${gmt(stoppedAt)})`;
      instance.stateReason = {
        code: 'Client.UserInitiatedShutdown',
        message: 'Client.UserInitiatedShutdown: User initiated shutdown',
      };
    }
    rootVolume.attachment!.instanceId = id;
    g.state.instances.set(id, instance);
    g.record('compute.instance', 'instance', id, tags);
    if (idle) g.misconfig('compute.instance.idle', 'instance', id);
    if (wantsPublic) (state === 'running' ? candidates.running : candidates.stopped).push(instance);
  }
  return candidates;
}

function rootVolumeFor(
  g: Ec2GenScope,
  rng: Rng,
  instanceId: string,
  os: OsInfo,
  az: string,
  created: number,
  app: string,
  env: Parameters<Ec2GenScope['tags']>[2],
  name: string,
): Ec2Volume {
  const size = rng.pick(os.rootSizes);
  const volumeType = rng.chance(0.62) ? 'gp3' : 'gp2';
  const encrypted = !g.draw(rng, 'compute.volume.unencrypted');
  const id = ec2Id(rng, 'vol');
  const tags = g.tags(rng, app, env, rng.chance(0.6) ? `${name}-root` : undefined);
  const volume: Ec2Volume = {
    id,
    size,
    volumeType,
    iops: volumeType === 'gp3' ? 3000 : Math.min(16_000, Math.max(100, size * 3)),
    throughput: volumeType === 'gp3' ? 125 : undefined,
    az,
    createTime: created,
    encrypted,
    kmsKeyId: encrypted ? g.ebsKey : undefined,
    snapshotId: ec2Id(rng, 'snap'),
    state: 'in-use',
    attachment: { instanceId, device: os.rootDeviceName, attachTime: created, deleteOnTermination: true },
    tags,
  };
  g.state.volumes.set(id, volume);
  g.record('compute.volume', 'volume', id, tags);
  if (!encrypted) g.misconfig('compute.volume.unencrypted', 'volume', id);
  return volume;
}

function pickSome<T>(rng: Rng, list: readonly T[], n: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < n && out.length < list.length; i++) {
    const item = rng.pick(list);
    if (!out.includes(item)) out.push(item);
  }
  return out;
}
