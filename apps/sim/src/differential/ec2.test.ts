import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateSnapshotCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DeleteVolumeCommand,
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
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
import { assertSameShape, defer, startDiffEnv, type DiffEnv } from './diff-env.ts';
import { seedMotoEc2 } from './seed-moto.ts';
import { discoverEc2, need, take, type Ec2Targets } from './targets.ts';

describe('EC2: the simulator answers like moto', () => {
  let env: DiffEnv;
  let mt: Ec2Targets;
  let st: Ec2Targets;
  /** Runs the same call on both sides, each aimed at its own equivalent resource. */
  const both = <T>(call: (c: AwsClients, t: Ec2Targets) => Promise<T>): Promise<[T, T]> =>
    Promise.all([defer(() => call(env.m, mt)), defer(() => call(env.s, st))]);
  const instanceOf = (c: AwsClients, id: string) =>
    c.ec2
      .send(new DescribeInstancesCommand({ InstanceIds: [id] }))
      .then((r) => r.Reservations?.[0]?.Instances?.[0]);

  before(async () => {
    env = await startDiffEnv();
    await seedMotoEc2(env.m);
    [mt, st] = await Promise.all([discoverEc2(env.m), discoverEc2(env.s)]);
  });
  after(() => env?.close());

  it('DescribeRegions', async (t) => {
    const [m, s] = await both((c) => c.ec2.send(new DescribeRegionsCommand({})));
    assertSameShape(t, 'DescribeRegions', m, s);
  });

  it('DescribeInstances (every page, every field of every instance)', async (t) => {
    const [m, s] = await both((c) => c.ec2.send(new DescribeInstancesCommand({ MaxResults: 1000 })));
    assertSameShape(t, 'DescribeInstances', m, s);
  });

  it('DescribeInstances with MaxResults=5 returns a page and a NextToken', async (t) => {
    const [m, s] = await both((c) => c.ec2.send(new DescribeInstancesCommand({ MaxResults: 5 })));
    assertSameShape(t, 'DescribeInstances(MaxResults=5)', m, s);
    const count = (r: typeof m) => (r.Reservations ?? []).reduce((n, x) => n + (x.Instances?.length ?? 0), 0);
    assert.ok(count(s) <= 5 && s.NextToken, 'the simulator pages at 5');
  });

  for (const [name, call] of [
    ['DescribeVolumes', (c: AwsClients) => c.ec2.send(new DescribeVolumesCommand({}))],
    [
      'DescribeSnapshots',
      (c: AwsClients) => c.ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] })),
    ],
    ['DescribeSecurityGroups', (c: AwsClients) => c.ec2.send(new DescribeSecurityGroupsCommand({}))],
    ['DescribeAddresses', (c: AwsClients) => c.ec2.send(new DescribeAddressesCommand({}))],
    ['DescribeVpcs', (c: AwsClients) => c.ec2.send(new DescribeVpcsCommand({}))],
    ['DescribeSubnets', (c: AwsClients) => c.ec2.send(new DescribeSubnetsCommand({}))],
  ] as const) {
    it(name, async (t) => {
      const [m, s] = await both(call);
      assertSameShape(t, name, m, s);
    });
  }

  it('StopInstances then StartInstances report the state change', async (t) => {
    const [mid, sid] = [take(mt.running, 'running instances'), take(st.running, 'running instances')];
    const [m, s] = await Promise.all([
      env.m.ec2.send(new StopInstancesCommand({ InstanceIds: [mid] })),
      env.s.ec2.send(new StopInstancesCommand({ InstanceIds: [sid] })),
    ]);
    assertSameShape(t, 'StopInstances', m, s);
    assert.equal(s.StoppingInstances?.[0]?.PreviousState?.Name, 'running');
    const [ms, ss] = await Promise.all([
      env.m.ec2.send(new StartInstancesCommand({ InstanceIds: [mid] })),
      env.s.ec2.send(new StartInstancesCommand({ InstanceIds: [sid] })),
    ]);
    assertSameShape(t, 'StartInstances', ms, ss);
    assert.equal(ss.StartingInstances?.[0]?.PreviousState?.Name, 'stopped');
  });

  it('RebootInstances', async (t) => {
    const [m, s] = await both((c, x) =>
      c.ec2.send(new RebootInstancesCommand({ InstanceIds: [x.running[0]!] })),
    );
    assertSameShape(t, 'RebootInstances', m, s);
  });

  it('TerminateInstances', async (t) => {
    const [mid, sid] = [take(mt.running, 'running instances'), take(st.running, 'running instances')];
    const [m, s] = await Promise.all([
      env.m.ec2.send(new TerminateInstancesCommand({ InstanceIds: [mid] })),
      env.s.ec2.send(new TerminateInstancesCommand({ InstanceIds: [sid] })),
    ]);
    assertSameShape(t, 'TerminateInstances', m, s);
    assert.equal((await instanceOf(env.s, sid))?.State?.Name, 'terminated');
  });

  it('ModifyInstanceAttribute changes the type of a stopped instance on both sides', async (t) => {
    const [mid, sid] = [take(mt.running, 'running instances'), take(st.running, 'running instances')];
    await Promise.all([
      env.m.ec2.send(new StopInstancesCommand({ InstanceIds: [mid] })),
      env.s.ec2.send(new StopInstancesCommand({ InstanceIds: [sid] })),
    ]);
    const modify = (c: AwsClients, id: string) =>
      c.ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: 'm5.large' } }));
    const [m, s] = await Promise.all([modify(env.m, mid), modify(env.s, sid)]);
    assertSameShape(t, 'ModifyInstanceAttribute', m, s);
    const [mi, si] = await Promise.all([instanceOf(env.m, mid), instanceOf(env.s, sid)]);
    assert.equal(mi?.InstanceType, 'm5.large');
    assert.equal(si?.InstanceType, 'm5.large');
  });

  it('CreateTags and DeleteTags stick, as they do in moto', async (t) => {
    const [mid, sid] = [mt.running[0]!, st.running[0]!];
    const tag = (c: AwsClients, id: string) =>
      c.ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'diff-probe', Value: 'on' }] }));
    const [m, s] = await Promise.all([tag(env.m, mid), tag(env.s, sid)]);
    assertSameShape(t, 'CreateTags', m, s);
    const hasProbe = async (c: AwsClients, id: string) =>
      (await instanceOf(c, id))?.Tags?.some((x) => x.Key === 'diff-probe');
    assert.deepEqual(await Promise.all([hasProbe(env.m, mid), hasProbe(env.s, sid)]), [true, true]);
    const untag = (c: AwsClients, id: string) =>
      c.ec2.send(new DeleteTagsCommand({ Resources: [id], Tags: [{ Key: 'diff-probe' }] }));
    const [md, sd] = await Promise.all([untag(env.m, mid), untag(env.s, sid)]);
    assertSameShape(t, 'DeleteTags', md, sd);
    assert.deepEqual(await Promise.all([hasProbe(env.m, mid), hasProbe(env.s, sid)]), [false, false]);
  });

  it('CreateSnapshot of an available volume', async (t) => {
    // The last available volume: DeleteVolume takes the first, and attached root volumes may go
    // with instances terminated above.
    const snap = (c: AwsClients, x: Ec2Targets) =>
      c.ec2.send(
        new CreateSnapshotCommand({
          VolumeId: need(x.availableVolumes.at(-1), 'available volume'),
          Description: 'differential',
        }),
      );
    const [m, s] = await both(snap);
    assertSameShape(t, 'CreateSnapshot', m, s);
  });

  it('DeleteVolume on an available volume', async (t) => {
    const del = (c: AwsClients, x: Ec2Targets) =>
      c.ec2.send(new DeleteVolumeCommand({ VolumeId: take(x.availableVolumes, 'available volumes') }));
    const [m, s] = await both(del);
    assertSameShape(t, 'DeleteVolume', m, s);
  });

  it('ReleaseAddress on a free Elastic IP', async (t) => {
    const release = (c: AwsClients, x: Ec2Targets) =>
      c.ec2.send(new ReleaseAddressCommand({ AllocationId: take(x.freeAllocations, 'free Elastic IPs') }));
    const [m, s] = await both(release);
    assertSameShape(t, 'ReleaseAddress', m, s);
  });

  it('RevokeSecurityGroupIngress of a rule open to the world', async (t) => {
    const revoke = (c: AwsClients, x: Ec2Targets) => {
      assert.ok(x.openGroup, 'a security group open to 0.0.0.0/0');
      return c.ec2.send(
        new RevokeSecurityGroupIngressCommand({
          GroupId: x.openGroup.groupId,
          IpPermissions: [x.openGroup.permission],
        }),
      );
    };
    const [m, s] = await both(revoke);
    assertSameShape(t, 'RevokeSecurityGroupIngress', m, s);
  });
});
