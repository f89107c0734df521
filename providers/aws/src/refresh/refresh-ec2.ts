import {
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import type { Resource } from '@escher/protocol';
import { arnResourceId } from '../core/arn.ts';
import { callOptional } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { normaliseAddress } from '../ec2/normalise-address.ts';
import { normaliseInstance } from '../ec2/normalise-instance.ts';
import { normaliseSubnet, normaliseVpc } from '../ec2/normalise-network.ts';
import { normaliseSecurityGroup } from '../ec2/normalise-security-group.ts';
import { normaliseSnapshot } from '../ec2/normalise-snapshot.ts';
import { normaliseVolume } from '../ec2/normalise-volume.ts';

/*
 * One EC2 record by id, normalised as discovery does. EC2 answers an unknown id with its kind's
 * NotFound code, which here means "gone" (undefined).
 */

const op = (operation: string) => ({ service: 'ec2', operation });

export async function refreshInstance(ctx: AwsContext, target: Resource): Promise<Resource | undefined> {
  const out = await callOptional(ctx, op('DescribeInstances'), ['InvalidInstanceID.NotFound'], (o) =>
    ctx.clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: [arnResourceId(target.nativeId)] }), o),
  );
  const instance = out?.Reservations?.flatMap((r) => r.Instances ?? [])[0];
  return instance ? normaliseInstance(instance, ctx) : undefined;
}

export async function refreshVolume(ctx: AwsContext, target: Resource): Promise<Resource | undefined> {
  const out = await callOptional(ctx, op('DescribeVolumes'), ['InvalidVolume.NotFound'], (o) =>
    ctx.clients.ec2.send(new DescribeVolumesCommand({ VolumeIds: [arnResourceId(target.nativeId)] }), o),
  );
  const volume = out?.Volumes?.[0];
  return volume ? normaliseVolume(volume, ctx) : undefined;
}

/** A snapshot and whether anyone may restore it (the same `RestorableByUserIds: all` listing discovery uses). */
export async function refreshSnapshot(ctx: AwsContext, target: Resource): Promise<Resource | undefined> {
  const id = arnResourceId(target.nativeId);
  const read = (publicOnly: boolean) =>
    callOptional(ctx, op('DescribeSnapshots'), ['InvalidSnapshot.NotFound'], (o) =>
      ctx.clients.ec2.send(
        new DescribeSnapshotsCommand({
          SnapshotIds: [id],
          ...(publicOnly ? { RestorableByUserIds: ['all'] } : {}),
        }),
        o,
      ),
    );
  const snapshot = (await read(false))?.Snapshots?.[0];
  if (!snapshot) return undefined;
  const isPublic = ((await read(true))?.Snapshots ?? []).some((s) => s.SnapshotId === id);
  return normaliseSnapshot(snapshot, ctx, isPublic);
}

export async function refreshSecurityGroup(ctx: AwsContext, target: Resource): Promise<Resource | undefined> {
  const out = await callOptional(ctx, op('DescribeSecurityGroups'), ['InvalidGroup.NotFound'], (o) =>
    ctx.clients.ec2.send(
      new DescribeSecurityGroupsCommand({ GroupIds: [arnResourceId(target.nativeId)] }),
      o,
    ),
  );
  const group = out?.SecurityGroups?.[0];
  return group ? normaliseSecurityGroup(group, ctx) : undefined;
}

export async function refreshAddress(ctx: AwsContext, target: Resource): Promise<Resource | undefined> {
  const out = await callOptional(ctx, op('DescribeAddresses'), ['InvalidAllocationID.NotFound'], (o) =>
    ctx.clients.ec2.send(
      new DescribeAddressesCommand({ AllocationIds: [arnResourceId(target.nativeId)] }),
      o,
    ),
  );
  const address = out?.Addresses?.[0];
  return address ? normaliseAddress(address, ctx) : undefined;
}

export async function refreshVpc(ctx: AwsContext, target: Resource): Promise<Resource | undefined> {
  const out = await callOptional(ctx, op('DescribeVpcs'), ['InvalidVpcID.NotFound'], (o) =>
    ctx.clients.ec2.send(new DescribeVpcsCommand({ VpcIds: [arnResourceId(target.nativeId)] }), o),
  );
  const vpc = out?.Vpcs?.[0];
  return vpc ? normaliseVpc(vpc, ctx) : undefined;
}

export async function refreshSubnet(ctx: AwsContext, target: Resource): Promise<Resource | undefined> {
  const out = await callOptional(ctx, op('DescribeSubnets'), ['InvalidSubnetID.NotFound'], (o) =>
    ctx.clients.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [arnResourceId(target.nativeId)] }), o),
  );
  const subnet = out?.Subnets?.[0];
  return subnet ? normaliseSubnet(subnet, ctx) : undefined;
}
