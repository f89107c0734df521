import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeAddressesCommand,
  DescribeAvailabilityZonesCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  EC2Client,
  paginateDescribeInstances,
  type Instance,
} from '@aws-sdk/client-ec2';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator } from '../../testing/sim-fixture.ts';
import { awsClient, errorOf } from '../../testing/aws-sdk.ts';
import { AWS_REGIONS } from '../regions.ts';

/** Node 20 has no Array.fromAsync. */
async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

const instancesOf = (pages: { Reservations?: { Instances?: Instance[] }[] }[]): Instance[] =>
  pages.flatMap((p) => (p.Reservations ?? []).flatMap((r) => r.Instances ?? []));

describe('EC2 describe operations through @aws-sdk/client-ec2', () => {
  let sim: RunningSimulator;
  let ec2: EC2Client;
  const clientFor = (account: string, region: string): EC2Client =>
    new EC2Client({
      endpoint: sim.endpoints.aws,
      region,
      credentials: { accessKeyId: `AKIA${account}ABCD`, secretAccessKey: 'x' },
    });

  before(async () => {
    sim = await startTestSimulator();
    ec2 = awsClient(EC2Client, sim, 'us-east-1');
  });
  after(async () => {
    ec2.destroy();
    await sim.close();
  });

  it('DescribeRegions lists every region, opted in; AllRegions adds opt-in ones', async () => {
    const { Regions } = await ec2.send(new DescribeRegionsCommand({}));
    assert.deepEqual(
      Regions?.map((r) => r.RegionName),
      AWS_REGIONS.map((r) => r.code),
    );
    assert.ok(
      Regions?.every(
        (r) => r.OptInStatus === 'opt-in-not-required' && r.Endpoint === `ec2.${r.RegionName}.amazonaws.com`,
      ),
    );
    const all = await ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
    assert.ok(all.Regions?.some((r) => r.OptInStatus === 'not-opted-in'));
    const one = await ec2.send(new DescribeRegionsCommand({ RegionNames: ['eu-west-1'] }));
    assert.deepEqual(
      one.Regions?.map((r) => r.RegionName),
      ['eu-west-1'],
    );
  });

  it('DescribeAvailabilityZones lists the region’s zones with zone ids', async () => {
    const { AvailabilityZones } = await ec2.send(new DescribeAvailabilityZonesCommand({}));
    assert.equal(AvailabilityZones?.length, 6);
    assert.deepEqual(AvailabilityZones?.[0], {
      OptInStatus: 'opt-in-not-required',
      Messages: [],
      RegionName: 'us-east-1',
      ZoneName: 'us-east-1a',
      ZoneId: 'use1-az1',
      GroupName: 'us-east-1',
      NetworkBorderGroup: 'us-east-1',
      ZoneType: 'availability-zone',
      GroupLongName: 'us-east-1',
      State: 'available',
    });
  });

  it('counts per account and region add up to the manifest, through every Describe call', async () => {
    const manifest = sim.estate().manifest;
    for (const account of sim.estate().aws.accounts) {
      const seen: Record<string, number> = {};
      const add = (type: string, n: number): void => void (seen[type] = (seen[type] ?? 0) + n);
      for (const region of account.regions.keys()) {
        const c = clientFor(account.id, region);
        const instances = instancesOf(
          await collect(paginateDescribeInstances({ client: c, pageSize: 1000 }, {})),
        );
        add('compute.instance', instances.length);
        add('compute.volume', (await c.send(new DescribeVolumesCommand({}))).Volumes?.length ?? 0);
        add(
          'compute.snapshot',
          (await c.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }))).Snapshots?.length ?? 0,
        );
        add(
          'network.firewall',
          (await c.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups?.length ?? 0,
        );
        add('network.ip', (await c.send(new DescribeAddressesCommand({}))).Addresses?.length ?? 0);
        add('network.vpc', (await c.send(new DescribeVpcsCommand({}))).Vpcs?.length ?? 0);
        add('network.subnet', (await c.send(new DescribeSubnetsCommand({}))).Subnets?.length ?? 0);
        c.destroy();
      }
      const expected = manifest.counts['aws']![account.id]!;
      for (const [type, n] of Object.entries(seen))
        assert.equal(n, expected[type as keyof typeof expected], `${account.id} ${type}`);
    }
  });

  it('DescribeInstances returns the full instance shape', async () => {
    const { Reservations } = await ec2.send(new DescribeInstancesCommand({}));
    const all = Reservations!.flatMap((r) => r.Instances!);
    const running = all.find((i) => i.State?.Name === 'running' && i.PublicIpAddress)!;
    assert.ok(running, 'a running instance with a public IP');
    assert.match(running.InstanceId!, /^i-[0-9a-f]{17}$/);
    assert.deepEqual(running.State, { Code: 16, Name: 'running' });
    assert.match(running.ImageId!, /^ami-[0-9a-f]{17}$/);
    assert.match(running.InstanceType!, /^[a-z0-9]+\.[a-z0-9]+$/);
    assert.ok(running.LaunchTime instanceof Date && running.LaunchTime.getTime() < sim.clock.now());
    assert.match(running.Placement!.AvailabilityZone!, /^us-east-1[a-f]$/);
    assert.match(running.PrivateIpAddress!, /^\d+\.\d+\.\d+\.\d+$/);
    assert.match(running.PublicDnsName!, /^ec2-[\d-]+\.compute-1\.amazonaws\.com$/);
    assert.ok(['x86_64', 'arm64'].includes(running.Architecture!));
    assert.ok(running.VpcId && running.SubnetId && running.SecurityGroups!.length > 0);
    assert.equal(running.NetworkInterfaces?.[0]?.Association?.PublicIp, running.PublicIpAddress);
    assert.equal(running.BlockDeviceMappings?.[0]?.DeviceName, running.RootDeviceName);
    assert.ok(running.Tags?.some((t) => t.Key === 'Name'));
    assert.ok(['enabled', 'disabled'].includes(running.Monitoring!.State!));
    assert.ok(all.some((i) => i.IamInstanceProfile?.Arn?.includes(':instance-profile/')));
    assert.ok(
      all.some((i) => String(i.Platform) === 'windows' && i.PlatformDetails === 'Windows'),
      'EC2 sends platform in lower case',
    );
    const stopped = all.find((i) => i.State?.Name === 'stopped');
    if (stopped) {
      assert.deepEqual(stopped.State, { Code: 80, Name: 'stopped' });
      assert.match(stopped.StateTransitionReason!, /^User initiated \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT\)$/);
      assert.equal(stopped.StateReason?.Code, 'Client.UserInitiatedShutdown');
    }
  });

  it('relationships hold: volumes, groups and subnet of each instance exist and agree', async () => {
    const instances = instancesOf([await ec2.send(new DescribeInstancesCommand({}))]);
    const volumes = new Map(
      (await ec2.send(new DescribeVolumesCommand({}))).Volumes!.map((v) => [v.VolumeId, v]),
    );
    const groups = new Map(
      (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups!.map((g) => [g.GroupId, g]),
    );
    const subnets = new Map(
      (await ec2.send(new DescribeSubnetsCommand({}))).Subnets!.map((s) => [s.SubnetId, s]),
    );
    for (const i of instances) {
      const subnet = subnets.get(i.SubnetId)!;
      assert.equal(subnet.VpcId, i.VpcId);
      assert.equal(subnet.AvailabilityZone, i.Placement?.AvailabilityZone);
      for (const g of i.SecurityGroups!) assert.equal(groups.get(g.GroupId)?.VpcId, i.VpcId);
      for (const m of i.BlockDeviceMappings!) {
        const v = volumes.get(m.Ebs!.VolumeId)!;
        assert.equal(v.State, 'in-use');
        assert.equal(v.Attachments?.[0]?.InstanceId, i.InstanceId);
        assert.equal(v.AvailabilityZone, i.Placement?.AvailabilityZone);
      }
    }
  });

  it('filters: state, type, vpc, subnet, zone, tag:Key (with wildcards), tag-key', async () => {
    const all = instancesOf([await ec2.send(new DescribeInstancesCommand({}))]);
    const run = async (Name: string, Values: string[]): Promise<Instance[]> =>
      instancesOf([await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name, Values }] }))]);
    const sample = all[0]!;
    assert.deepEqual(
      (await run('instance-state-name', ['stopped'])).map((i) => i.InstanceId),
      all.filter((i) => i.State?.Name === 'stopped').map((i) => i.InstanceId),
    );
    assert.ok(
      (await run('instance-type', [sample.InstanceType!])).every(
        (i) => i.InstanceType === sample.InstanceType,
      ),
    );
    assert.ok((await run('vpc-id', [sample.VpcId!])).every((i) => i.VpcId === sample.VpcId));
    assert.ok((await run('subnet-id', [sample.SubnetId!])).length >= 1);
    assert.ok((await run('availability-zone', [sample.Placement!.AvailabilityZone!])).length >= 1);
    assert.deepEqual(
      (await run('instance-id', [sample.InstanceId!])).map((i) => i.InstanceId),
      [sample.InstanceId],
    );
    const name = sample.Tags!.find((t) => t.Key === 'Name')!.Value!;
    assert.ok(
      (await run('tag:Name', [`${name.slice(0, 3)}*`])).some((i) => i.InstanceId === sample.InstanceId),
    );
    assert.equal(
      (await run('tag-key', ['Name'])).length,
      all.filter((i) => i.Tags?.some((t) => t.Key === 'Name')).length,
    );
    const both = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'instance-state-name', Values: ['running'] },
          { Name: 'vpc-id', Values: [sample.VpcId!] },
        ],
      }),
    );
    assert.ok(instancesOf([both]).every((i) => i.State?.Name === 'running' && i.VpcId === sample.VpcId));
  });

  it('MaxResults=5 walks every instance with NextToken', async () => {
    const all = instancesOf([await ec2.send(new DescribeInstancesCommand({}))]).map((i) => i.InstanceId);
    const walked: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await ec2.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken: token }));
      const ids = instancesOf([page]).map((i) => i.InstanceId!);
      assert.ok(ids.length <= 5);
      walked.push(...ids);
      token = page.NextToken;
      pages++;
    } while (token);
    assert.deepEqual(walked, all);
    assert.equal(pages, Math.ceil(all.length / 5));
  });

  it('page-size and empty-page faults still yield every instance through paginateDescribeInstances', async () => {
    const all = instancesOf([await ec2.send(new DescribeInstancesCommand({}))]).map((i) => i.InstanceId);
    try {
      sim.faults.set({ rateLimits: { enabled: false }, pagination: { maxPageSize: 2 } });
      const small = await collect(paginateDescribeInstances({ client: ec2, pageSize: 50 }, {}));
      assert.ok(small.length >= Math.ceil(all.length / 2));
      assert.deepEqual(
        instancesOf(small).map((i) => i.InstanceId),
        all,
      );
      sim.faults.set({ rateLimits: { enabled: false }, pagination: { emptyPageEvery: 2 } });
      const gappy = await collect(paginateDescribeInstances({ client: ec2, pageSize: 5 }, {}));
      assert.ok(
        gappy.some((p) => instancesOf([p]).length === 0 && p.NextToken),
        'an empty page with a next token',
      );
      assert.deepEqual(
        instancesOf(gappy).map((i) => i.InstanceId),
        all,
      );
    } finally {
      sim.faults.set({ rateLimits: { enabled: false } });
    }
  });

  it('Describe errors carry EC2 codes', async () => {
    const id = instancesOf([await ec2.send(new DescribeInstancesCommand({}))])[0]!.InstanceId!;
    assert.deepEqual(
      await errorOf(ec2.send(new DescribeInstancesCommand({ InstanceIds: [id], MaxResults: 5 }))),
      {
        name: 'InvalidParameterCombination',
        status: 400,
      },
    );
    assert.deepEqual(
      await errorOf(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] }))),
      {
        name: 'InvalidInstanceID.NotFound',
        status: 400,
      },
    );
    assert.deepEqual(await errorOf(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-nope'] }))), {
      name: 'InvalidInstanceID.Malformed',
      status: 400,
    });
    assert.equal(
      (await errorOf(ec2.send(new DescribeInstancesCommand({ MaxResults: 3 })))).name,
      'InvalidParameterValue',
    );
    assert.equal(
      (
        await errorOf(
          ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'no-such-filter', Values: ['x'] }] })),
        )
      ).name,
      'InvalidParameterValue',
    );
    assert.equal(
      (await errorOf(ec2.send(new DescribeInstancesCommand({ NextToken: 'garbage' })))).name,
      'InvalidPaginationToken',
    );
    assert.equal(
      (await errorOf(ec2.send(new DescribeVolumesCommand({ VolumeIds: ['vol-0123456789abcdef0'] })))).name,
      'InvalidVolume.NotFound',
    );
    assert.equal(
      (await errorOf(ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-0123456789abcdef0'] })))).name,
      'InvalidVpcID.NotFound',
    );
    assert.equal(
      (await errorOf(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0123456789abcdef0'] }))))
        .name,
      'InvalidGroup.NotFound',
    );
  });

  it('volumes, snapshots, addresses and groups show the generated misconfigurations', async () => {
    const volumes = (await ec2.send(new DescribeVolumesCommand({}))).Volumes!;
    assert.ok(volumes.some((v) => v.State === 'available' && v.Attachments?.length === 0));
    assert.ok(volumes.some((v) => v.Encrypted === false));
    assert.ok(volumes.every((v) => ['gp3', 'gp2', 'io1', 'io2', 'st1', 'sc1'].includes(v.VolumeType!)));
    const unassociated = (await ec2.send(new DescribeAddressesCommand({}))).Addresses!.filter(
      (a) => !a.AssociationId,
    );
    assert.ok(unassociated.length > 0);
    const groups = (
      await ec2.send(
        new DescribeSecurityGroupsCommand({
          Filters: [{ Name: 'ip-permission.cidr', Values: ['0.0.0.0/0'] }],
        }),
      )
    ).SecurityGroups!;
    assert.ok(groups.length > 0);
    const snapshots = (await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }))).Snapshots!;
    const old = snapshots.filter((s) => s.StartTime!.getTime() < sim.clock.now() - 90 * 86_400_000);
    assert.ok(old.length > 0);
    const manifest = sim.estate().manifest;
    const account = sim.estate().aws.accounts[0]!.id;
    const arn = (id: string): string => `arn:aws:ec2:us-east-1:${account}:snapshot/${id}`;
    for (const s of old)
      assert.ok(manifest.misconfigurations['compute.snapshot.old']!.resources.includes(arn(s.SnapshotId!)));
    const publicOnes = (
      await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], RestorableByUserIds: ['all'] }))
    ).Snapshots!;
    assert.ok(publicOnes.length > 0);
    for (const s of publicOnes) {
      assert.ok(
        manifest.misconfigurations['compute.snapshot.public']!.resources.includes(arn(s.SnapshotId!)),
      );
      const attribute = await ec2.send(
        new DescribeSnapshotAttributeCommand({
          SnapshotId: s.SnapshotId,
          Attribute: 'createVolumePermission',
        }),
      );
      assert.deepEqual(attribute.CreateVolumePermissions, [{ Group: 'all' }]);
    }
    assert.equal(
      (await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['amazon'] }))).Snapshots?.length,
      0,
    );
  });
});
