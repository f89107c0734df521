import { begin } from '../../core/transition.ts';
import { cpuProfile } from '../../estate/metrics.ts';
import type { AwsCall, AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { items } from '../protocol/xml.ts';
import { nextPrivateIp } from './addressing.ts';
import { INSTANCE_TYPE_PATTERN, instanceTypeInfo } from './catalog.ts';
import { ensureDefaultVpc } from './default-vpc.ts';
import { groupsByName } from './describe-security-groups.ts';
import { checkDryRun, tagSpecifications } from './ec2-request.ts';
import { ec2Id, isEc2Id, macAddress, publicIpv4 } from './ids.ts';
import { instanceXml } from './render-instance.ts';
import type { Ec2Instance, Ec2SecurityGroup, Ec2Subnet, Ec2Volume } from './state.ts';

/** Most instances one call launches (real accounts hit their vCPU quota far earlier; the response for 10,000 is ~40 MB). */
const MAX_PER_CALL = 10_000;

/**
 * RunInstances, minimally: `ImageId`, `InstanceType` (default m1.small), `MinCount`/`MaxCount`,
 * `SubnetId` (else the default subnet of `Placement.AvailabilityZone` or the first zone),
 * `SecurityGroupId.N` / `SecurityGroup.N`, `KeyName`, `IamInstanceProfile`, `TagSpecification`
 * for instance and volume. Each instance gets an 8 GiB gp3 root volume and starts `pending`,
 * `running` after `transitionMs`. Benchmarks build the same fleets here and in moto with it.
 */
export const runInstances: AwsOperation = {
  name: 'RunInstances',
  mutating: true,
  handle: (call) => {
    const { params, regionState, sim, account, region } = call;
    const ec2 = regionState.ec2;
    const imageId = params.require('ImageId');
    if (!isEc2Id(imageId, 'ami'))
      throw new AwsError('InvalidAMIID.Malformed', `Invalid id: "${imageId}" (expecting "ami-...")`);
    const instanceType = params.get('InstanceType') ?? 'm1.small';
    if (!INSTANCE_TYPE_PATTERN.test(instanceType))
      throw new AwsError('InvalidParameterValue', `Invalid value '${instanceType}' for InstanceType.`);
    const min = params.int('MinCount') ?? 1;
    const max = params.int('MaxCount') ?? min;
    if (min < 1 || max < 1 || min > max) {
      throw new AwsError(
        'InvalidParameterValue',
        `Invalid counts: MinCount (${min}) must be at least 1 and at most MaxCount (${max})`,
      );
    }
    if (min > MAX_PER_CALL) {
      throw new AwsError(
        'InstanceLimitExceeded',
        `Your quota allows for 0 more running instance(s). You requested at least ${min}`,
      );
    }
    const subnet = chooseSubnet(call);
    const groups = chooseGroups(call, subnet);
    const instanceTags = tagSpecifications(params, 'instance');
    const volumeTags = tagSpecifications(params, 'volume');
    const profileArn = params.get('IamInstanceProfile.Arn');
    const profileName = params.get('IamInstanceProfile.Name');
    checkDryRun(params);

    const now = Math.floor(sim.clock.now() / 1000) * 1000;
    const reservationId = ec2Id(ec2.rng, 'r');
    const count = Math.min(max, MAX_PER_CALL);
    const info = instanceTypeInfo(instanceType);
    const launched: Ec2Instance[] = [];
    for (let n = 0; n < count; n++) {
      const id = ec2Id(ec2.rng, 'i');
      const volume: Ec2Volume = {
        id: ec2Id(ec2.rng, 'vol'),
        size: 8,
        volumeType: 'gp3',
        iops: 3000,
        throughput: 125,
        az: subnet.az,
        createTime: now,
        encrypted: false,
        snapshotId: `snap-${imageId.slice(4)}`.slice(0, 22),
        state: 'in-use',
        attachment: { instanceId: id, device: '/dev/xvda', attachTime: now, deleteOnTermination: true },
        tags: { ...volumeTags },
      };
      ec2.volumes.set(volume.id, volume);
      const instance: Ec2Instance = {
        id,
        reservationId,
        imageId,
        instanceType,
        architecture: info.architecture,
        launchTime: now,
        az: subnet.az,
        vpcId: subnet.vpcId,
        subnetId: subnet.id,
        privateIp: nextPrivateIp(subnet),
        autoPublicIp: subnet.mapPublicIpOnLaunch,
        publicIp: subnet.mapPublicIpOnLaunch ? publicIpv4(ec2.rng) : undefined,
        eniId: ec2Id(ec2.rng, 'eni'),
        macAddress: macAddress(ec2.rng),
        securityGroupIds: groups.map((g) => g.id),
        blockDevices: [
          { deviceName: '/dev/xvda', volumeId: volume.id, attachTime: now, deleteOnTermination: true },
        ],
        rootDeviceName: '/dev/xvda',
        keyName: params.get('KeyName'),
        iamInstanceProfile:
          profileArn || profileName
            ? {
                arn: profileArn ?? `arn:aws:iam::${account.id}:instance-profile/${profileName}`,
                id: `AIPA${ec2.rng.upperAlnum(17)}`,
              }
            : undefined,
        monitoring: params.bool('Monitoring.Enabled') ? 'enabled' : 'disabled',
        amiLaunchIndex: n,
        transitionReason: '',
        state: 'running',
        tags: { ...instanceTags },
        cpu: cpuProfile(ec2.rng, false),
      };
      begin(instance, 'pending', 'running', sim.timing.transitionMs, sim.clock);
      ec2.instances.set(id, instance);
      launched.push(instance);
    }
    return {
      reservationId,
      ownerId: account.id,
      groupSet: items([]),
      instancesSet: items(launched.map((i) => instanceXml(i, ec2, region, account.id))),
    };
  },
};

function chooseSubnet({ params, regionState, region, account }: AwsCall): Ec2Subnet {
  const ec2 = regionState.ec2;
  const subnetId = params.get('SubnetId');
  if (subnetId) {
    const subnet = ec2.subnets.get(subnetId);
    if (!subnet) throw new AwsError('InvalidSubnetID.NotFound', `The subnet ID '${subnetId}' does not exist`);
    return subnet;
  }
  const vpc = ensureDefaultVpc(ec2, region, account.id);
  if (!vpc)
    throw new AwsError(
      'VPCIdNotSpecified',
      'No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.',
    );
  const zone = params.get('Placement.AvailabilityZone');
  const candidates = [...ec2.subnets.values()].filter((s) => s.vpcId === vpc.id);
  const chosen = zone
    ? candidates.find((s) => s.az === zone)
    : (candidates.find((s) => s.defaultForAz) ?? candidates[0]);
  if (!chosen) {
    throw new AwsError('InvalidParameterValue', `Invalid availability zone: [${zone ?? region}]`);
  }
  return chosen;
}

function chooseGroups({ params, regionState }: AwsCall, subnet: Ec2Subnet): Ec2SecurityGroup[] {
  const ec2 = regionState.ec2;
  const ids = params.list('SecurityGroupId');
  const names = params.list('SecurityGroup');
  const groups = ids.map((id) => {
    const group = ec2.securityGroups.get(id);
    if (!group) throw new AwsError('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
    return group;
  });
  groups.push(...groupsByName(ec2, names));
  if (groups.length === 0) {
    const fallback = [...ec2.securityGroups.values()].find(
      (g) => g.vpcId === subnet.vpcId && g.name === 'default',
    );
    if (fallback) groups.push(fallback);
  }
  const stray = groups.find((g) => g.vpcId !== subnet.vpcId);
  if (stray) {
    throw new AwsError(
      'InvalidParameter',
      `Security group ${stray.id} and subnet ${subnet.id} belong to different networks.`,
    );
  }
  return groups;
}
