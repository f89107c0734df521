import {
  DescribeAddressesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  paginateDescribeInstances,
  type Instance,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import type { AwsClients } from './clients.ts';

/**
 * EC2 resources a differential test aims at, found the same way on both sides (through the SDK,
 * by state), so each test calls moto and the simulator with equivalent ids.
 */
export interface Ec2Targets {
  /** Running instances, in id order; each mutating test takes its own index. */
  running: string[];
  /** A volume attached to an instance. */
  attachedVolume: string | undefined;
  /** Volumes attached to nothing. */
  availableVolumes: string[];
  snapshot: string | undefined;
  /** A security group with a rule open to 0.0.0.0/0, and that rule. */
  openGroup: { groupId: string; permission: IpPermission } | undefined;
  /** Elastic IPs associated with nothing. */
  freeAllocations: string[];
  vpc: string | undefined;
  subnet: string | undefined;
}

export async function discoverEc2(c: AwsClients): Promise<Ec2Targets> {
  // Each lookup on its own: an operation the simulator lacks leaves only its targets empty, and
  // the tests aimed at them fail with "not enough …" instead of the whole file failing.
  const [instances, volumes, snapshots, groups, addresses, vpcs, subnets] = await Promise.all([
    settle(async () => {
      const out: Instance[] = [];
      for await (const page of paginateDescribeInstances({ client: c.ec2 }, { MaxResults: 1000 })) {
        for (const r of page.Reservations ?? []) out.push(...(r.Instances ?? []));
      }
      return out;
    }),
    settle(async () => (await c.ec2.send(new DescribeVolumesCommand({ MaxResults: 1000 }))).Volumes ?? []),
    settle(
      async () =>
        (await c.ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], MaxResults: 1000 })))
          .Snapshots ?? [],
    ),
    settle(
      async () =>
        (await c.ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: 1000 }))).SecurityGroups ?? [],
    ),
    settle(async () => (await c.ec2.send(new DescribeAddressesCommand({}))).Addresses ?? []),
    settle(async () => (await c.ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? []),
    settle(async () => (await c.ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? []),
  ]);
  const open = groups.flatMap((g) =>
    (g.IpPermissions ?? [])
      .filter((p) => (p.IpRanges ?? []).some((r) => r.CidrIp === '0.0.0.0/0') && p.FromPort !== undefined)
      .map((p) => ({
        groupId: g.GroupId!,
        permission: {
          IpProtocol: p.IpProtocol,
          FromPort: p.FromPort,
          ToPort: p.ToPort,
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        },
      })),
  );
  return {
    running: instances
      .filter((i) => i.State?.Name === 'running')
      .map((i) => i.InstanceId!)
      .sort(),
    attachedVolume: volumes.find((v) => v.State === 'in-use')?.VolumeId,
    availableVolumes: volumes.filter((v) => v.State === 'available').map((v) => v.VolumeId!),
    snapshot: snapshots[0]?.SnapshotId,
    openGroup: open[0],
    freeAllocations: addresses.filter((a) => !a.AssociationId && a.AllocationId).map((a) => a.AllocationId!),
    vpc: vpcs[0]?.VpcId,
    subnet: subnets[0]?.SubnetId,
  };
}

/** The list a lookup returns, or an empty one when the server cannot answer it. */
export async function settle<T>(lookup: () => Promise<T[]>): Promise<T[]> {
  try {
    return await lookup();
  } catch {
    return [];
  }
}

/** Takes the next unused item of a target list, failing loudly when the estate has too few. */
export function take<T>(list: T[], what: string): T {
  const item = list.shift();
  if (item === undefined) throw new RangeError(`not enough ${what} to aim this test at`);
  return item;
}

/** The target, or a loud failure naming what the estate lacked (never a call with an undefined id). */
export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new RangeError(`no ${what} to aim this test at`);
  return value;
}
