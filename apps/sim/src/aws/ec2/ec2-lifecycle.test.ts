import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  EC2Client,
  ModifyInstanceAttributeCommand,
  RebootInstancesCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  type Instance,
} from '@aws-sdk/client-ec2';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator } from '../../testing/sim-fixture.ts';
import { awsClient, errorOf } from '../../testing/aws-sdk.ts';

const TRANSITION_MS = 30_000;

describe('EC2 instance lifecycle on the simulator clock', () => {
  let sim: RunningSimulator;
  let ec2: EC2Client;
  let running: string[];
  let stopped: string[];

  const instance = async (id: string): Promise<Instance | undefined> =>
    (await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: [id] }] })))
      .Reservations?.[0]?.Instances?.[0];
  const stateOf = async (id: string): Promise<string | undefined> => (await instance(id))?.State?.Name;

  before(async () => {
    sim = await startTestSimulator({ manualClock: true, transitionMs: TRANSITION_MS });
    ec2 = awsClient(EC2Client, sim, 'us-east-1');
    const all = (await ec2.send(new DescribeInstancesCommand({}))).Reservations!.flatMap((r) => r.Instances!);
    running = all.filter((i) => i.State?.Name === 'running').map((i) => i.InstanceId!);
    stopped = all.filter((i) => i.State?.Name === 'stopped').map((i) => i.InstanceId!);
    assert.ok(running.length >= 6, 'enough running instances to aim at');
  });
  after(async () => {
    ec2.destroy();
    await sim.close();
  });

  it('stop: running → stopping → (clock) → stopped, releasing the auto-assigned public IP', async () => {
    const id = running.shift()!;
    const result = await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    assert.deepEqual(result.StoppingInstances, [
      {
        InstanceId: id,
        CurrentState: { Code: 64, Name: 'stopping' },
        PreviousState: { Code: 16, Name: 'running' },
      },
    ]);
    assert.equal(await stateOf(id), 'stopping');
    sim.clock.advance(TRANSITION_MS - 1);
    assert.equal(await stateOf(id), 'stopping');
    sim.clock.advance(1);
    const after = await instance(id);
    assert.equal(after?.State?.Name, 'stopped');
    assert.equal(after?.StateReason?.Code, 'Client.UserInitiatedShutdown');
    const eip = sim
      .estate()
      .aws.accounts[0]!.regions.get('us-east-1')!
      .ec2.instances.get(id)!.eipAllocationId;
    if (!eip) assert.equal(after?.PublicIpAddress, undefined);
    stopped.push(id);
  });

  it('start: stopped → pending → running, with a new launch time', async () => {
    const id = stopped.pop()!;
    const result = await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    assert.deepEqual(result.StartingInstances?.[0]?.CurrentState, { Code: 0, Name: 'pending' });
    assert.deepEqual(result.StartingInstances?.[0]?.PreviousState, { Code: 80, Name: 'stopped' });
    sim.clock.advance(TRANSITION_MS);
    const after = await instance(id);
    assert.equal(after?.State?.Name, 'running');
    assert.ok(Math.abs(after!.LaunchTime!.getTime() - (sim.clock.now() - TRANSITION_MS)) < 1000);
  });

  it('invalid transitions are IncorrectInstanceState and change nothing', async () => {
    const id = running.shift()!;
    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    assert.deepEqual(await errorOf(ec2.send(new StartInstancesCommand({ InstanceIds: [id] }))), {
      name: 'IncorrectInstanceState',
      status: 400,
    });
    assert.equal(
      (await errorOf(ec2.send(new RebootInstancesCommand({ InstanceIds: [id] })))).name,
      'IncorrectInstanceState',
    );
    const other = running[0]!;
    assert.equal(
      (await errorOf(ec2.send(new StartInstancesCommand({ InstanceIds: [other, id] })))).name,
      'IncorrectInstanceState',
    );
    assert.equal(await stateOf(other), 'running');
    sim.clock.advance(TRANSITION_MS);
    assert.equal(await stateOf(id), 'stopped');
  });

  it('DryRun answers DryRunOperation (412) and changes nothing', async () => {
    const id = running[0]!;
    for (const command of [
      new StopInstancesCommand({ InstanceIds: [id], DryRun: true }),
      new RebootInstancesCommand({ InstanceIds: [id], DryRun: true }),
      new TerminateInstancesCommand({ InstanceIds: [id], DryRun: true }),
      new DescribeInstancesCommand({ DryRun: true }),
    ]) {
      assert.deepEqual(await errorOf(ec2.send(command as never)), { name: 'DryRunOperation', status: 412 });
    }
    assert.equal(await stateOf(id), 'running');
    assert.equal(
      (
        await errorOf(
          ec2.send(new StopInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'], DryRun: true })),
        )
      ).name,
      'InvalidInstanceID.NotFound',
    );
  });

  it('reboot keeps a running instance running', async () => {
    const id = running[0]!;
    const result = await ec2.send(new RebootInstancesCommand({ InstanceIds: [id] }));
    assert.equal(result.$metadata.httpStatusCode, 200);
    assert.equal(await stateOf(id), 'running');
  });

  it('ModifyInstanceAttribute changes the type only while stopped', async () => {
    const id = running.shift()!;
    assert.deepEqual(
      await errorOf(
        ec2.send(
          new ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: 'm5.xlarge' } }),
        ),
      ),
      {
        name: 'IncorrectInstanceState',
        status: 400,
      },
    );
    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    sim.clock.advance(TRANSITION_MS);
    await ec2.send(
      new ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: 'm5.xlarge' } }),
    );
    assert.equal((await instance(id))?.InstanceType, 'm5.xlarge');
    await ec2.send(
      new ModifyInstanceAttributeCommand({ InstanceId: id, Attribute: 'instanceType', Value: 'm6g.large' }),
    );
    const after = await instance(id);
    assert.equal(after?.InstanceType, 'm6g.large');
    assert.equal(after?.Architecture, 'arm64');
    assert.equal(
      (
        await errorOf(
          ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: 'bogus' } })),
        )
      ).name,
      'InvalidInstanceAttributeValue',
    );
  });

  it('terminate: shutting-down → terminated, root volume gone, visible for an hour, then gone', async () => {
    const id = running.shift()!;
    const before = await instance(id);
    const root = before!.BlockDeviceMappings![0]!.Ebs!.VolumeId!;
    const result = await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    assert.deepEqual(result.TerminatingInstances?.[0]?.CurrentState, { Code: 32, Name: 'shutting-down' });
    sim.clock.advance(TRANSITION_MS);
    const after = await instance(id);
    assert.deepEqual(after?.State, { Code: 48, Name: 'terminated' });
    assert.equal(after?.PrivateIpAddress, undefined);
    assert.deepEqual(after?.BlockDeviceMappings, []);
    assert.equal(
      (await errorOf(ec2.send(new DescribeVolumesCommand({ VolumeIds: [root] })))).name,
      'InvalidVolume.NotFound',
    );
    assert.equal(
      (await errorOf(ec2.send(new StartInstancesCommand({ InstanceIds: [id] })))).name,
      'IncorrectInstanceState',
    );
    const again = await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    assert.deepEqual(again.TerminatingInstances?.[0]?.PreviousState, { Code: 48, Name: 'terminated' });
    sim.clock.advance(3_600_000);
    assert.equal(await instance(id), undefined);
    assert.equal(
      (await errorOf(ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] })))).name,
      'InvalidInstanceID.NotFound',
    );
  });

  it('RunInstances launches a tagged fleet that becomes running on the clock', async () => {
    const result = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-0abcdef1234567890',
        InstanceType: 't3.micro',
        MinCount: 3,
        MaxCount: 3,
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'fleet', Value: 'bench' }] }],
      }),
    );
    const ids = result.Instances!.map((i) => i.InstanceId!);
    assert.equal(ids.length, 3);
    assert.ok(result.Instances!.every((i) => i.State?.Name === 'pending'));
    assert.match(result.ReservationId!, /^r-[0-9a-f]{17}$/);
    const fleet = await ec2.send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'tag:fleet', Values: ['bench'] }] }),
    );
    assert.equal(fleet.Reservations?.length, 1, 'one reservation');
    assert.deepEqual(
      fleet.Reservations![0]!.Instances!.map((i) => i.InstanceId),
      ids,
    );
    sim.clock.advance(TRANSITION_MS);
    const later = await ec2.send(new DescribeInstancesCommand({ InstanceIds: ids }));
    assert.ok(
      later.Reservations![0]!.Instances!.every(
        (i) => i.State?.Name === 'running' && i.InstanceType === 't3.micro',
      ),
    );
    assert.equal(
      (await errorOf(ec2.send(new RunInstancesCommand({ ImageId: 'nope', MinCount: 1, MaxCount: 1 })))).name,
      'InvalidAMIID.Malformed',
    );
  });

  it('RunInstances in a region the estate does not use launches into its default VPC', async () => {
    const canada = awsClient(EC2Client, sim, 'ca-central-1');
    try {
      assert.equal((await canada.send(new DescribeInstancesCommand({}))).Reservations?.length, 0);
      const result = await canada.send(
        new RunInstancesCommand({
          ImageId: 'ami-0abcdef1234567890',
          InstanceType: 'm5.large',
          MinCount: 1,
          MaxCount: 2,
          Placement: { AvailabilityZone: 'ca-central-1b' },
        }),
      );
      assert.equal(result.Instances?.length, 2);
      const launched = result.Instances![0]!;
      assert.equal(launched.Placement?.AvailabilityZone, 'ca-central-1b');
      assert.match(launched.PrivateIpAddress!, /^172\.31\./);
      assert.equal(launched.SecurityGroups?.[0]?.GroupName, 'default');
    } finally {
      canada.destroy();
    }
  });
});
