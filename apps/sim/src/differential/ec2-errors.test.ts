import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateSnapshotCommand,
  DeleteVolumeCommand,
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  ModifyInstanceAttributeCommand,
  RebootInstancesCommand,
  ReleaseAddressCommand,
  RevokeSecurityGroupIngressCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import type { AwsClients } from './clients.ts';
import { assertAwsError, assertSameError, startDiffEnv, type DiffEnv } from './diff-env.ts';
import { seedMotoEc2 } from './seed-moto.ts';
import { discoverEc2, take, type Ec2Targets } from './targets.ts';

const GHOST = '0123456789abcdef0';

describe('EC2 errors: the same mistakes get the same codes as in moto', () => {
  let env: DiffEnv;
  let mt: Ec2Targets;
  let st: Ec2Targets;
  const same = (op: string, expected: string, call: (c: AwsClients, t: Ec2Targets) => Promise<unknown>) =>
    assertSameError(
      op,
      () => call(env.m, mt),
      () => call(env.s, st),
      expected,
    );

  before(async () => {
    env = await startDiffEnv();
    await seedMotoEc2(env.m);
    [mt, st] = await Promise.all([discoverEc2(env.m), discoverEc2(env.s)]);
  });
  after(() => env?.close());

  const ghosts = [
    [
      'DescribeInstances',
      'InvalidInstanceID.NotFound',
      (c: AwsClients) => c.ec2.send(new DescribeInstancesCommand({ InstanceIds: [`i-${GHOST}`] })),
    ],
    [
      'StopInstances',
      'InvalidInstanceID.NotFound',
      (c: AwsClients) => c.ec2.send(new StopInstancesCommand({ InstanceIds: [`i-${GHOST}`] })),
    ],
    [
      'StartInstances',
      'InvalidInstanceID.NotFound',
      (c: AwsClients) => c.ec2.send(new StartInstancesCommand({ InstanceIds: [`i-${GHOST}`] })),
    ],
    [
      'RebootInstances',
      'InvalidInstanceID.NotFound',
      (c: AwsClients) => c.ec2.send(new RebootInstancesCommand({ InstanceIds: [`i-${GHOST}`] })),
    ],
    [
      'TerminateInstances',
      'InvalidInstanceID.NotFound',
      (c: AwsClients) => c.ec2.send(new TerminateInstancesCommand({ InstanceIds: [`i-${GHOST}`] })),
    ],
    [
      'DescribeVolumes',
      'InvalidVolume.NotFound',
      (c: AwsClients) => c.ec2.send(new DescribeVolumesCommand({ VolumeIds: [`vol-${GHOST}`] })),
    ],
    [
      'DeleteVolume',
      'InvalidVolume.NotFound',
      (c: AwsClients) => c.ec2.send(new DeleteVolumeCommand({ VolumeId: `vol-${GHOST}` })),
    ],
    [
      'CreateSnapshot',
      'InvalidVolume.NotFound',
      (c: AwsClients) => c.ec2.send(new CreateSnapshotCommand({ VolumeId: `vol-${GHOST}` })),
    ],
    [
      'DescribeSnapshots',
      'InvalidSnapshot.NotFound',
      (c: AwsClients) => c.ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [`snap-${GHOST}`] })),
    ],
    [
      'DescribeSecurityGroups',
      'InvalidGroup.NotFound',
      (c: AwsClients) => c.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [`sg-${GHOST}`] })),
    ],
    [
      'DescribeVpcs',
      'InvalidVpcID.NotFound',
      (c: AwsClients) => c.ec2.send(new DescribeVpcsCommand({ VpcIds: [`vpc-${GHOST}`] })),
    ],
    [
      'DescribeSubnets',
      'InvalidSubnetID.NotFound',
      (c: AwsClients) => c.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [`subnet-${GHOST}`] })),
    ],
    [
      'DescribeAddresses',
      'InvalidAllocationID.NotFound',
      (c: AwsClients) => c.ec2.send(new DescribeAddressesCommand({ AllocationIds: [`eipalloc-${GHOST}`] })),
    ],
    [
      'ReleaseAddress',
      'InvalidAllocationID.NotFound',
      (c: AwsClients) => c.ec2.send(new ReleaseAddressCommand({ AllocationId: `eipalloc-${GHOST}` })),
    ],
    [
      'RevokeSecurityGroupIngress',
      'InvalidGroup.NotFound',
      (c: AwsClients) =>
        c.ec2.send(
          new RevokeSecurityGroupIngressCommand({
            GroupId: `sg-${GHOST}`,
            IpPermissions: [
              { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
            ],
          }),
        ),
    ],
  ] as const;
  for (const [op, code, call] of ghosts) {
    it(`${op} on an unknown id → ${code}`, () => same(op, code, call));
  }

  it('StopInstances with DryRun → DryRunOperation (412), and nothing stops', async () => {
    await same('StopInstances(DryRun)', 'DryRunOperation', (c, x) =>
      c.ec2.send(new StopInstancesCommand({ InstanceIds: [x.running[0]!], DryRun: true })),
    );
    const state = await env.s.ec2.send(new DescribeInstancesCommand({ InstanceIds: [st.running[0]!] }));
    assert.equal(state.Reservations?.[0]?.Instances?.[0]?.State?.Name, 'running');
  });

  for (const [op, call] of [
    [
      'StartInstances',
      (c: AwsClients, id: string) =>
        c.ec2.send(new StartInstancesCommand({ InstanceIds: [id], DryRun: true })),
    ],
    [
      'RebootInstances',
      (c: AwsClients, id: string) =>
        c.ec2.send(new RebootInstancesCommand({ InstanceIds: [id], DryRun: true })),
    ],
    [
      'TerminateInstances',
      (c: AwsClients, id: string) =>
        c.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id], DryRun: true })),
    ],
  ] as const) {
    it(`${op} with DryRun → DryRunOperation`, () =>
      same(`${op}(DryRun)`, 'DryRunOperation', (c, x) => call(c, x.running[0]!)));
  }

  it('MaxResults combined with InstanceIds → InvalidParameterCombination', () =>
    same('DescribeInstances(MaxResults+InstanceIds)', 'InvalidParameterCombination', (c, x) =>
      c.ec2.send(new DescribeInstancesCommand({ InstanceIds: [x.running[0]!], MaxResults: 5 })),
    ));

  it('DeleteVolume on an attached volume → VolumeInUse', () =>
    same('DeleteVolume(attached)', 'VolumeInUse', (c, x) =>
      c.ec2.send(new DeleteVolumeCommand({ VolumeId: x.attachedVolume })),
    ));

  it('RevokeSecurityGroupIngress of a rule the group does not have → InvalidPermission.NotFound', () =>
    same('RevokeSecurityGroupIngress(no such rule)', 'InvalidPermission.NotFound', (c, x) =>
      c.ec2.send(
        new RevokeSecurityGroupIngressCommand({
          GroupId: x.openGroup?.groupId,
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 6, ToPort: 6, IpRanges: [{ CidrIp: '198.51.100.7/32' }] },
          ],
        }),
      ),
    ));

  // moto answers these as if they were unknown ids, lets them through or fails with a 500; EC2's
  // codes are documented, so the simulator is held to AWS here.
  it('a malformed instance id → InvalidInstanceID.Malformed (AWS; moto says NotFound)', () =>
    assertAwsError(
      'DescribeInstances(malformed id)',
      () => env.s.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['banana'] })),
      'InvalidInstanceID.Malformed',
      400,
    ));

  it('StopInstances on a terminated instance → IncorrectInstanceState (AWS; moto does not check)', async () => {
    const id = take(st.running, 'running instances');
    await env.s.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    await assertAwsError(
      'StopInstances(terminated)',
      () => env.s.ec2.send(new StopInstancesCommand({ InstanceIds: [id] })),
      'IncorrectInstanceState',
      400,
    );
  });

  it('ModifyInstanceAttribute InstanceType on a running instance → IncorrectInstanceState (AWS; moto does not check)', () =>
    assertAwsError(
      'ModifyInstanceAttribute(running)',
      () =>
        env.s.ec2.send(
          new ModifyInstanceAttributeCommand({
            InstanceId: st.running[0]!,
            InstanceType: { Value: 'm5.large' },
          }),
        ),
      'IncorrectInstanceState',
      400,
    ));

  it('DescribeInstances with MaxResults=3 → InvalidParameterValue (AWS allows 5–1000; moto does not check)', () =>
    assertAwsError(
      'DescribeInstances(MaxResults=3)',
      () => env.s.ec2.send(new DescribeInstancesCommand({ MaxResults: 3 })),
      'InvalidParameterValue',
      400,
    ));

  it('an unknown NextToken → InvalidPaginationToken (AWS; moto answers 500)', () =>
    assertAwsError(
      'DescribeInstances(bad NextToken)',
      () => env.s.ec2.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken: 'not-a-token' })),
      'InvalidPaginationToken',
      400,
    ));
});
