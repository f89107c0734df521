import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateSnapshotCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DeleteVolumeCommand,
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  EC2Client,
  ReleaseAddressCommand,
  RevokeSecurityGroupIngressCommand,
  type Tag,
} from '@aws-sdk/client-ec2';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator } from '../../testing/sim-fixture.ts';
import { awsClient, errorOf } from '../../testing/aws-sdk.ts';

const TRANSITION_MS = 10_000;

const tagValue = (tags: Tag[] | undefined, key: string): string | undefined =>
  tags?.find((t) => t.Key === key)?.Value;

describe('EC2 mutations: tags, snapshots, volumes, addresses, security groups', () => {
  let sim: RunningSimulator;
  let ec2: EC2Client;

  before(async () => {
    sim = await startTestSimulator({ manualClock: true, transitionMs: TRANSITION_MS });
    ec2 = awsClient(EC2Client, sim, 'us-east-1');
  });
  after(async () => {
    ec2.destroy();
    await sim.close();
  });

  it('CreateTags and DeleteTags stick on any kind of resource', async () => {
    const instance = (await ec2.send(new DescribeInstancesCommand({}))).Reservations![0]!.Instances![0]!
      .InstanceId!;
    const volume = (await ec2.send(new DescribeVolumesCommand({}))).Volumes![0]!.VolumeId!;
    const vpc = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId!;
    const group = (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups![0]!.GroupId!;
    const resources = [instance, volume, vpc, group];
    await ec2.send(
      new CreateTagsCommand({
        Resources: resources,
        Tags: [
          { Key: 'reviewed', Value: 'yes' },
          { Key: 'Name', Value: 'renamed' },
        ],
      }),
    );
    const i = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instance] }))).Reservations![0]!
      .Instances![0]!;
    assert.equal(tagValue(i.Tags, 'reviewed'), 'yes');
    assert.equal(tagValue(i.Tags, 'Name'), 'renamed');
    const v = (await ec2.send(new DescribeVolumesCommand({ VolumeIds: [volume] }))).Volumes![0]!;
    assert.equal(tagValue(v.Tags, 'reviewed'), 'yes');
    const byTag = await ec2.send(
      new DescribeVpcsCommand({ Filters: [{ Name: 'tag:reviewed', Values: ['yes'] }] }),
    );
    assert.deepEqual(
      byTag.Vpcs?.map((x) => x.VpcId),
      [vpc],
    );

    await ec2.send(
      new DeleteTagsCommand({ Resources: [instance], Tags: [{ Key: 'reviewed', Value: 'no' }] }),
    );
    const kept = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instance] }))).Reservations![0]!
      .Instances![0]!;
    assert.equal(tagValue(kept.Tags, 'reviewed'), 'yes', 'a value mismatch keeps the tag');
    await ec2.send(new DeleteTagsCommand({ Resources: resources, Tags: [{ Key: 'reviewed' }] }));
    const g = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [group] }))).SecurityGroups![0]!;
    assert.equal(tagValue(g.Tags, 'reviewed'), undefined);
    await ec2.send(
      new CreateTagsCommand({ Resources: [instance], Tags: [{ Key: '__proto__', Value: 'odd but legal' }] }),
    );
    const odd = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instance] }))).Reservations![0]!
      .Instances![0]!;
    assert.equal(tagValue(odd.Tags, '__proto__'), 'odd but legal');
  });

  it('CreateTags errors: unknown ids by kind, malformed ids, reserved keys, DryRun', async () => {
    const tags = [{ Key: 'k', Value: 'v' }];
    const fail = (Resources: string[], Tags = tags, DryRun?: boolean) =>
      errorOf(ec2.send(new CreateTagsCommand({ Resources, Tags, DryRun })));
    assert.equal((await fail(['i-0123456789abcdef0'])).name, 'InvalidInstanceID.NotFound');
    assert.equal((await fail(['vol-0123456789abcdef0'])).name, 'InvalidVolume.NotFound');
    assert.equal((await fail(['snap-0123456789abcdef0'])).name, 'InvalidSnapshot.NotFound');
    assert.equal((await fail(['sg-0123456789abcdef0'])).name, 'InvalidGroup.NotFound');
    assert.equal((await fail(['bogus'])).name, 'InvalidID');
    // Well-formed, but a kind the simulator holds none of: a clean error, not a server fault.
    assert.equal((await fail(['igw-0123456789abcdef0'])).name, 'InvalidID');
    const vpc = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId!;
    assert.equal((await fail([vpc], [{ Key: 'aws:reserved', Value: 'x' }])).name, 'InvalidParameterValue');
    assert.deepEqual(await fail([vpc], tags, true), { name: 'DryRunOperation', status: 412 });
  });

  it('CreateSnapshot returns a pending snapshot that completes on the clock', async () => {
    const volume = (
      await ec2.send(new DescribeVolumesCommand({ Filters: [{ Name: 'status', Values: ['in-use'] }] }))
    ).Volumes![0]!;
    const snap = await ec2.send(
      new CreateSnapshotCommand({
        VolumeId: volume.VolumeId,
        Description: 'before upgrade',
        TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: 'purpose', Value: 'test' }] }],
      }),
    );
    assert.equal(snap.State, 'pending');
    assert.equal(snap.Progress, '0%');
    assert.equal(snap.VolumeId, volume.VolumeId);
    assert.equal(snap.VolumeSize, volume.Size);
    assert.equal(snap.Encrypted, volume.Encrypted);
    assert.equal(snap.Description, 'before upgrade');
    assert.equal(tagValue(snap.Tags, 'purpose'), 'test');
    sim.clock.advance(TRANSITION_MS / 2);
    const halfway = (await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snap.SnapshotId!] })))
      .Snapshots![0]!;
    assert.equal(halfway.State, 'pending');
    assert.equal(halfway.Progress, '50%');
    sim.clock.advance(TRANSITION_MS / 2);
    const done = await ec2.send(
      new DescribeSnapshotsCommand({
        Filters: [
          { Name: 'status', Values: ['completed'] },
          { Name: 'snapshot-id', Values: [snap.SnapshotId!] },
        ],
      }),
    );
    assert.equal(done.Snapshots?.[0]?.Progress, '100%');
    assert.equal(
      (await errorOf(ec2.send(new CreateSnapshotCommand({ VolumeId: 'vol-0123456789abcdef0' })))).name,
      'InvalidVolume.NotFound',
    );
  });

  it('DeleteVolume: VolumeInUse when attached, gone when available, then NotFound', async () => {
    const volumes = (await ec2.send(new DescribeVolumesCommand({}))).Volumes!;
    const attached = volumes.find((v) => v.State === 'in-use')!;
    const available = volumes.find((v) => v.State === 'available')!;
    assert.deepEqual(await errorOf(ec2.send(new DeleteVolumeCommand({ VolumeId: attached.VolumeId }))), {
      name: 'VolumeInUse',
      status: 400,
    });
    assert.deepEqual(
      await errorOf(ec2.send(new DeleteVolumeCommand({ VolumeId: available.VolumeId, DryRun: true }))),
      {
        name: 'DryRunOperation',
        status: 412,
      },
    );
    await ec2.send(new DeleteVolumeCommand({ VolumeId: available.VolumeId }));
    assert.equal(
      (await errorOf(ec2.send(new DeleteVolumeCommand({ VolumeId: available.VolumeId })))).name,
      'InvalidVolume.NotFound',
    );
    assert.equal(
      (await errorOf(ec2.send(new DeleteVolumeCommand({ VolumeId: 'not-a-volume' })))).name,
      'InvalidVolumeID.Malformed',
    );
  });

  it('ReleaseAddress: InUse when associated, released when free, then NotFound', async () => {
    const addresses = (await ec2.send(new DescribeAddressesCommand({}))).Addresses!;
    const associated = addresses.find((a) => a.AssociationId)!;
    const free = addresses.find((a) => !a.AssociationId)!;
    assert.equal(
      (await errorOf(ec2.send(new ReleaseAddressCommand({ AllocationId: associated.AllocationId })))).name,
      'InvalidIPAddress.InUse',
    );
    await ec2.send(new ReleaseAddressCommand({ AllocationId: free.AllocationId }));
    const after = (await ec2.send(new DescribeAddressesCommand({}))).Addresses!;
    assert.equal(after.length, addresses.length - 1);
    assert.equal(
      (await errorOf(ec2.send(new ReleaseAddressCommand({ AllocationId: free.AllocationId })))).name,
      'InvalidAllocationID.NotFound',
    );
  });

  it('RevokeSecurityGroupIngress removes a world-open rule; an unknown rule is InvalidPermission.NotFound', async () => {
    const open = (
      await ec2.send(
        new DescribeSecurityGroupsCommand({
          Filters: [{ Name: 'ip-permission.cidr', Values: ['0.0.0.0/0'] }],
        }),
      )
    ).SecurityGroups!;
    const group = open.find((g) =>
      g.IpPermissions!.some((p) => p.IpRanges!.some((r) => r.CidrIp === '0.0.0.0/0')),
    )!;
    const rule = group.IpPermissions!.find((p) => p.IpRanges!.some((r) => r.CidrIp === '0.0.0.0/0'))!;
    const permission = {
      IpProtocol: rule.IpProtocol,
      FromPort: rule.FromPort,
      ToPort: rule.ToPort,
      IpRanges: [{ CidrIp: '0.0.0.0/0' }],
    };
    assert.deepEqual(
      await errorOf(
        ec2.send(
          new RevokeSecurityGroupIngressCommand({
            GroupId: group.GroupId,
            IpPermissions: [permission],
            DryRun: true,
          }),
        ),
      ),
      {
        name: 'DryRunOperation',
        status: 412,
      },
    );
    const result = await ec2.send(
      new RevokeSecurityGroupIngressCommand({ GroupId: group.GroupId, IpPermissions: [permission] }),
    );
    assert.equal(result.Return, true);
    const after = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [group.GroupId!] })))
      .SecurityGroups![0]!;
    const stillOpen = after.IpPermissions!.some(
      (p) =>
        p.IpProtocol === rule.IpProtocol &&
        p.FromPort === rule.FromPort &&
        p.IpRanges!.some((r) => r.CidrIp === '0.0.0.0/0'),
    );
    assert.equal(stillOpen, false);
    assert.deepEqual(
      await errorOf(
        ec2.send(
          new RevokeSecurityGroupIngressCommand({ GroupId: group.GroupId, IpPermissions: [permission] }),
        ),
      ),
      {
        name: 'InvalidPermission.NotFound',
        status: 400,
      },
    );
    assert.equal(
      (
        await errorOf(
          ec2.send(
            new RevokeSecurityGroupIngressCommand({
              GroupId: 'sg-0123456789abcdef0',
              IpPermissions: [permission],
            }),
          ),
        )
      ).name,
      'InvalidGroup.NotFound',
    );
  });
});
