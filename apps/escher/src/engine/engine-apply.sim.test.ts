import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Resource } from '@escher/protocol';
import { ESCHER_BIN, type CliRun } from '../cli/testing/cli-harness.ts';
import {
  changedIds,
  idsOf,
  readBack,
  simInstanceStates,
  startEngineSim,
  type EngineSim,
} from './engine.testing.ts';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];
const instanceId = (arn: string): string => arn.split('/').at(-1) as string;

// Apply through the real `escher` binary against a simulator process: what changes is checked in
// the simulator itself, not in Escher's store.
describe('escher run against escher-sim: apply, rollback, production guard', () => {
  let env: EngineSim;
  before(async () => {
    env = await startEngineSim(['verify-never-running.yaml']);
  });
  after(async () => {
    await env?.sim.stop();
    env?.h.cleanup();
  });

  const runWithStdin = (input: string, ...args: string[]): Promise<CliRun> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [ESCHER_BIN, ...args], {
        env: env.h.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.stdin.end(input);
      child.on('close', (code) => resolve({ args, code: code ?? 1, stdout, stderr }));
    });
  const pick = (filter: (r: Resource) => boolean): Resource => {
    const found = env.instances.find(filter);
    assert.ok(found, 'the seeded estate has such an instance');
    return found;
  };

  it('stops exactly the running dev instances of one region, every step in a verifying ledger', async () => {
    const expected = env.instances
      .filter((r) => r.region === 'us-east-1' && r.environment === 'dev' && r.state === 'running')
      .map((r) => instanceId(r.nativeId))
      .sort();
    assert.ok(expected.length >= 2);
    const before = await simInstanceStates(env.sim, REGIONS);
    const r = await env.h.run(
      'run',
      'stop-compute-instance',
      '--cloud',
      'aws',
      '--region',
      'us-east-1',
      '--environment',
      'dev',
      '--yes',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /= succeeded/);
    const after = await simInstanceStates(env.sim, REGIONS);
    assert.deepEqual(changedIds(before, after), expected);
    for (const id of expected) assert.equal(after.get(id), 'stopped');

    const { executionId } = idsOf(r.stdout);
    const { ledger, execution } = await readBack(env.h, executionId);
    assert.equal(execution?.state, 'succeeded');
    assert.equal(execution?.steps.filter((s) => s.status === 'succeeded').length, expected.length);
    const mine = ledger.filter((e) => e.data['executionId'] === executionId);
    assert.equal(mine.filter((e) => e.kind === 'step-started').length, expected.length);
    assert.equal(mine.filter((e) => e.kind === 'step-finished').length, expected.length);
    assert.ok(ledger.some((e) => e.kind === 'approval' && e.data['planId'] === idsOf(r.stdout).planId));
    const verify = await env.h.run('audit', 'verify');
    assert.equal(verify.code, 0, verify.stderr);

    // The store shows the new state without a sync, as a change in each target's history.
    const listed = await env.h.run(
      'resources',
      '--cloud',
      'aws',
      '--region',
      'us-east-1',
      '--env',
      'dev',
      '--json',
    );
    assert.equal(listed.code, 0, listed.stderr);
    const states = new Map(
      (JSON.parse(listed.stdout) as { resources: Resource[] }).resources.map((x) => [
        instanceId(x.nativeId),
        x.state,
      ]),
    );
    for (const id of expected) assert.equal(states.get(id), 'stopped', `${id} is stopped in the store`);
    const store = await env.h.openStore();
    try {
      const changed = env.instances.find((x) => instanceId(x.nativeId) === expected[0])!;
      const last = store.history(changed.id).at(-1);
      assert.equal(last?.kind, 'changed');
      assert.ok(
        last?.changes?.some((c) => c.field === 'state' && c.after === 'stopped'),
        JSON.stringify(last),
      );
    } finally {
      store.close();
    }
  });

  it('rolls back when a verify fails, leaving the simulator as it began', async () => {
    const target = pick((r) => r.region === 'us-west-2' && r.environment === 'dev' && r.state === 'running');
    const before = await simInstanceStates(env.sim, REGIONS);
    const r = await env.h.run('run', 'test.stop-expect-running', '--target', target.id, '--yes');
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stdout, /verify failed: state is stopped, not pending/);
    assert.match(r.stdout, /stop rolled back on/);
    assert.deepEqual(changedIds(before, await simInstanceStates(env.sim, REGIONS)), []);
    const { executionId } = idsOf(r.stdout);
    const { ledger, execution } = await readBack(env.h, executionId);
    assert.equal(execution?.state, 'rolled-back');
    const rollbacks = ledger.filter((e) => e.kind === 'rollback' && e.data['executionId'] === executionId);
    // Started, the undo succeeded, and the target was re-read and found back as it began.
    assert.deepEqual(
      rollbacks.map((e) => [e.data['status'], e.data['stage'] ?? 'undo']),
      [
        ['started', 'undo'],
        ['succeeded', 'undo'],
        ['succeeded', 'verify'],
      ],
    );
  });

  it('refuses a production plan unless the number of targets is typed', async () => {
    const prod = env.instances.filter(
      (r) => r.region === 'us-east-1' && r.environment === 'prod' && r.state === 'running',
    );
    assert.ok(prod.length > 0);
    const before = await simInstanceStates(env.sim, REGIONS);
    const args = [
      'run',
      'stop-compute-instance',
      '--cloud',
      'aws',
      '--region',
      'us-east-1',
      '--environment',
      'prod',
    ];
    const typedYes = await runWithStdin('yes\n', ...args);
    assert.equal(typedYes.code, 1);
    assert.match(typedYes.stderr, new RegExp(`Type ${prod.length} to approve`));
    assert.match(typedYes.stderr, /Refused: the plan changes \d+ production target\(s\) and 'yes' was typed/);
    const flagYes = await env.h.run(...args, '--yes');
    assert.equal(flagYes.code, 1);
    assert.match(flagYes.stderr, /--yes is not enough/);
    assert.deepEqual(changedIds(before, await simInstanceStates(env.sim, REGIONS)), []);
    const { ledger } = await readBack(env.h);
    for (const refused of [typedYes, flagYes]) {
      assert.ok(
        !ledger.some((e) => e.kind === 'approval' && e.data['planId'] === idsOf(refused.stdout).planId),
      );
    }
  });
});
