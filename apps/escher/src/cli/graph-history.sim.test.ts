import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateTagsCommand,
  EC2Client,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import type { ChangedResources, HistoryReport, Resource, ResourceGraphReport } from '@escher/protocol';
import { startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import {
  createCliHarness,
  simAccountArgs,
  type CliHarness,
  type SyncSummaryJson,
} from './testing/cli-harness.ts';

const HOUR = 3_600_000;

// End to end through the real `escher` binary against a simulator process: graph, history and
// --changed-since after real mutations made through the AWS SDK.
describe('escher graph, history and --changed-since against escher-sim', () => {
  let sim: SimTarget;
  let h: CliHarness;
  let estate: Resource[];

  const ec2 = async (
    target: Resource,
    use: (client: EC2Client, id: string) => Promise<unknown>,
  ): Promise<void> => {
    const client = new EC2Client({
      endpoint: sim.aws,
      region: target.region,
      credentials: { accessKeyId: `AKIA${target.account}`, secretAccessKey: 'test' },
    });
    try {
      await use(client, target.nativeId.split('/').at(-1) as string);
    } finally {
      client.destroy();
    }
  };
  const sync = async (): Promise<SyncSummaryJson> => {
    const summary = await h.json<SyncSummaryJson>('sync');
    assert.deepEqual(summary.errors, []);
    return summary;
  };

  before(async () => {
    sim = await startSimProcess(['--seed', '5', '--size', 'small']);
    h = createCliHarness({ prefix: 'escher-graph-sim-' });
    assert.equal((await h.run('init')).code, 0);
    const aws = simAccountArgs(h, sim, 'graph-sim-secret')[0] as string[];
    const added = await h.run('accounts', 'add', ...aws);
    assert.equal(added.code, 0, added.stderr);
    await sync();
    estate = (await h.list()).resources;
  });
  after(async () => {
    await sim?.stop();
    h?.cleanup();
  });

  it('graph of a security group lists exactly the instances that use it', async () => {
    const users = (sg: Resource): Resource[] =>
      estate.filter(
        (r) =>
          r.type === 'compute.instance' &&
          r.relationships.some((rel) => rel.kind === 'security-group' && rel.targetId === sg.id),
      );
    const groups = estate.filter((r) => r.type === 'network.firewall' && users(r).length > 0);
    assert.ok(groups.length > 0, 'the estate has security groups in use');
    const sg = groups.reduce((best, g) => (users(g).length > users(best).length ? g : best));
    const expected = users(sg)
      .map((r) => r.id)
      .sort();

    const report = await h.json<ResourceGraphReport>('graph', sg.id);
    const instances = report.incoming.filter((e) => e.node.type === 'compute.instance');
    assert.deepEqual(instances.map((e) => e.node.id).sort(), expected);
    assert.ok(instances.every((e) => e.kind === 'security-group' && e.node.status === 'live'));
    const direct = report.blastRadius.resources.filter(
      (e) => e.depth === 1 && e.node.type === 'compute.instance',
    );
    assert.deepEqual(direct.map((e) => e.node.id).sort(), expected);

    const human = await h.run('graph', sg.id);
    assert.equal(human.code, 0, human.stderr);
    for (const r of users(sg)) assert.ok(human.stdout.includes(r.name), `${r.name} is in the tree`);
  });

  it('history and --changed-since show exactly what was stopped, tagged and terminated', async () => {
    const byId = new Map(estate.map((r) => [r.id, r]));
    const pointedAtBy = (r: Resource): Resource[] =>
      estate.filter((o) => o.relationships.some((rel) => rel.targetId === r.id));
    const running = estate.filter(
      (r) => r.cloud === 'aws' && r.type === 'compute.instance' && r.state === 'running',
    );
    // The terminated one: nothing but its own disks refers to it (no load balancer, no address),
    // so its volumes are the only side effects to expect.
    const terminated = running.find((r) => pointedAtBy(r).every((o) => o.type === 'compute.volume'));
    assert.ok(terminated, 'a running instance with no load balancer or address');
    const [stopped, tagged] = running.filter((r) => r !== terminated) as [Resource, Resource];
    const volumes = terminated.relationships
      .filter((rel) => rel.kind === 'attached-volume')
      .map((rel) => rel.targetId)
      .filter((id) => byId.has(id))
      .sort();
    assert.ok(volumes.length > 0);

    // Transitions that outlast the second sync however slow the machine is: `stopping` and
    // `shutting-down` are seen by sync 2 and end only when the clock is moved below.
    const timing = await fetch(`${sim.aws}/_sim/timing`, {
      method: 'POST',
      body: JSON.stringify({ transitionMs: 30 * 60_000 }),
    });
    assert.equal(timing.status, 200, await timing.text());
    const beforeMutations = new Date().toISOString();
    await ec2(stopped, (c, id) => c.send(new StopInstancesCommand({ InstanceIds: [id] })));
    await ec2(tagged, (c, id) =>
      c.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'escher-test', Value: 'yes' }] })),
    );
    await ec2(terminated, (c, id) => c.send(new TerminateInstancesCommand({ InstanceIds: [id] })));
    await sync();
    // Let `stopping` and `shutting-down` finish and the terminated instance age out (an hour).
    const beforeClock = new Date().toISOString();
    const clock = await fetch(`${sim.aws}/_sim/clock`, {
      method: 'POST',
      body: JSON.stringify({ advanceMs: 2 * HOUR }),
    });
    assert.equal(clock.status, 200);
    await sync();

    // --changed-since: the three instances and the terminated one's volumes, nothing else.
    const since = await h.json<ChangedResources>(
      'resources',
      '--changed-since',
      beforeMutations,
      '--removed',
    );
    const live = since.resources.map((r) => r.id).sort();
    const gone = (since.removed ?? []).map((r) => r.resource.id).sort();
    assert.deepEqual(
      [...live, ...gone].sort(),
      [stopped.id, tagged.id, terminated.id, ...volumes].sort(),
      'exactly the mutated instances and the terminated one’s disks',
    );
    assert.ok(gone.includes(terminated.id));
    const taggedChange = since.changes.find((c) => c.resourceId === tagged.id);
    assert.deepEqual([taggedChange?.kind, taggedChange?.fields], ['changed', ['tags.escher-test']]);
    const afterClock = await h.json<ChangedResources>(
      'resources',
      '--changed-since',
      beforeClock,
      '--removed',
    );
    assert.deepEqual(
      afterClock.resources.map((r) => r.id),
      [stopped.id],
      'only the stopping → stopped transition after the clock moved',
    );
    assert.ok(afterClock.removed?.some((r) => r.resource.id === terminated.id));
    const everything = await h.json<ChangedResources>('resources', '--changed-since', '1d');
    assert.equal(everything.count, estate.length - gone.length);

    // history: per sync, oldest first, with the field-level diffs.
    const history = (r: Resource): Promise<HistoryReport> => h.json<HistoryReport>('history', r.id);
    const stateSteps = (report: HistoryReport): unknown[] =>
      report.changes.map((c) => [c.kind, c.changes?.find((f) => f.field === 'state')?.after]);

    const stoppedHistory = await history(stopped);
    assert.deepEqual(stateSteps(stoppedHistory), [
      ['added', undefined],
      ['changed', 'stopping'],
      ['changed', 'stopped'],
    ]);
    assert.equal(stoppedHistory.changes[1]?.changes?.find((f) => f.field === 'state')?.before, 'running');

    const taggedHistory = await history(tagged);
    assert.deepEqual(
      taggedHistory.changes.map((c) => [c.kind, c.syncId, c.changes]),
      [
        ['added', 1, undefined],
        ['changed', 2, [{ field: 'tags.escher-test', after: 'yes' }]],
      ],
    );

    const terminatedHistory = await history(terminated);
    assert.equal(terminatedHistory.resource.status, 'removed');
    assert.deepEqual(
      terminatedHistory.changes.map((c) => [c.kind, c.syncId]),
      [
        ['added', 1],
        ['changed', 2],
        ['removed', 3],
      ],
    );
    const stateChange = terminatedHistory.changes[1]?.changes?.find((f) => f.field === 'state');
    assert.deepEqual(stateChange, { field: 'state', before: 'running', after: stateChange?.after });
    assert.notEqual(stateChange?.after, 'running');

    const human = await h.run('history', stopped.id);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /sync 2 {2}changed\n(.*\n)*? {4}state: running → stopping\n/);
  });
});
