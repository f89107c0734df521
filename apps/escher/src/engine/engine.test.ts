import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { PlaybookInput, Resource } from '@escher/protocol';
import { openTempLedger, type TempLedger } from '../ledger/ledger.testing.ts';
import type { LoadedPlaybook } from '../playbooks/index.ts';
import { Engine } from './engine.ts';
import { FakeCloud, instance, loaded, noGraph } from './engine-fake-cloud.testing.ts';

describe('Engine (in-process, fake cloud, manual clock)', () => {
  let t: TempLedger;
  let cloud: FakeCloud;
  let engine: Engine;
  let slept: number[];
  let resources: Resource[];

  beforeEach(async () => {
    t = await openTempLedger();
    cloud = new FakeCloud(() => t.temp.clock.now(), 20_000);
    slept = [];
    resources = [1, 2, 3, 4, 5].map((n) => instance(n));
    engine = new Engine({
      db: t.db,
      record: (e) => t.ledger.append(e),
      signingKey: () => t.ledger.signingKey(),
      actor: 'tester',
      clock: t.temp.clock,
      // No real waiting: a wait moves the manual clock.
      sleep: async (ms) => {
        slept.push(ms);
        t.temp.clock.advance(ms);
      },
      graph: noGraph,
      resourceOf: (id) => resources.find((r) => r.id === id),
      actionsFor: () => cloud,
      commandEnv: () => ({}),
      redact: (s) => s,
      load: async () => undefined,
      cancelPollMs: 5,
    });
  });
  afterEach(() => t.temp.cleanup());

  const stopPlaybook = (extra: Partial<PlaybookInput> = {}): LoadedPlaybook =>
    loaded({
      steps: [
        {
          id: 'stop',
          action: 'compute.instance.stop',
          verify: { state: 'stopped', timeoutSeconds: 60, intervalSeconds: 10 },
          rollback: 'auto',
          onFailure: 'rollback',
          retries: 1,
        },
      ],
      ...extra,
    });

  it('verifies by polling refresh on the injected clock, retries a failed call, bounds concurrency', async () => {
    cloud.failFirst.add('i-2');
    const pb = stopPlaybook({ execution: { concurrency: 2 } });
    const { plan } = await engine.plan({ playbook: pb, state: 'ready', candidates: resources, params: {} });
    assert.deepEqual(plan.findings, []);
    engine.approve(plan.id, { kind: 'yes' }, 'ready');
    const { executionId, state } = await engine.apply(plan.id);
    assert.equal(state, 'succeeded');
    assert.ok(slept.length >= 2 && slept.every((ms) => ms === 10_000), `waited ${slept.join(',')}`);
    assert.ok(cloud.maxInFlight <= 2);
    const record = engine.table.get(executionId);
    assert.equal(record.steps.find((s) => s.target === 'i-2')?.attempts, 2);
    const starts = t.ledger.list({ limit: 100, kind: 'step-started' });
    assert.equal(starts.length, 6);
  });

  it('rolls back when the state is not reached before the verify timeout', async () => {
    cloud = new FakeCloud(() => t.temp.clock.now(), 600_000);
    const { plan } = await engine.plan({
      playbook: stopPlaybook(),
      state: 'ready',
      candidates: resources.slice(0, 1),
      params: {},
    });
    engine.approve(plan.id, { kind: 'yes' }, 'ready');
    const { state, executionId } = await engine.apply(plan.id);
    assert.equal(state, 'rolled-back');
    assert.deepEqual(cloud.calls, ['stopped:i-1', 'running:i-1']);
    assert.match(
      engine.table.get(executionId).steps[0]?.message ?? '',
      /verify failed: state is running, not stopped after 60s/,
    );
  });

  it('runs the canary wave first and stops when it fails', async () => {
    const pb = loaded({
      execution: { waves: { canary: 1, batchSize: 2 } },
      steps: [
        {
          id: 'stop',
          action: 'compute.instance.stop',
          verify: { state: 'pending', timeoutSeconds: 10, intervalSeconds: 10 },
        },
      ],
    });
    const { plan } = await engine.plan({ playbook: pb, state: 'ready', candidates: resources, params: {} });
    engine.approve(plan.id, { kind: 'yes' }, 'ready');
    const { state, executionId } = await engine.apply(plan.id);
    assert.equal(state, 'failed');
    assert.deepEqual(cloud.calls, ['stopped:i-1']);
    const statuses = engine.table
      .get(executionId)
      .steps.map((s) => s.status)
      .sort();
    assert.deepEqual(statuses, ['failed', 'skipped', 'skipped', 'skipped', 'skipped']);
  });

  it('orders steps by dependsOn under the graph strategy', async () => {
    const pb = loaded({
      execution: { strategy: 'graph' },
      steps: [
        { id: 'again', action: 'compute.instance.start', dependsOn: ['first'] },
        { id: 'first', action: 'compute.instance.stop' },
      ],
    });
    const { plan } = await engine.plan({
      playbook: pb,
      state: 'ready',
      candidates: resources.slice(0, 1),
      params: {},
    });
    engine.approve(plan.id, { kind: 'yes' }, 'ready');
    assert.equal((await engine.apply(plan.id)).state, 'succeeded');
    assert.deepEqual(cloud.calls, ['stopped:i-1', 'running:i-1']);
  });

  it('binds approvals to the plan hash, and refuses --yes and a wrong typed count for production', async () => {
    const prod = resources.map((r) => ({ ...r, environment: 'prod' as const }));
    const { plan } = await engine.plan({
      playbook: stopPlaybook(),
      state: 'ready',
      candidates: prod.slice(0, 3),
      params: {},
    });
    assert.equal(plan.production, true);
    assert.throws(() => engine.approve(plan.id, { kind: 'yes' }, 'ready'), /--yes is not enough/);
    assert.throws(() => engine.approve(plan.id, { kind: 'typed', text: 'yes' }, 'ready'), /'yes' was typed/);
    engine.approve(plan.id, { kind: 'typed', text: '3' }, 'ready');
    t.db.exec('DROP TRIGGER plans_immutable');
    const changed = { ...plan, targets: plan.targets.slice(0, 2) };
    t.db.prepare('UPDATE plans SET plan = ? WHERE id = ?').run(JSON.stringify(changed), plan.id);
    await assert.rejects(engine.apply(plan.id), /does not match the plan as it is now/);
    assert.deepEqual(cloud.calls, []);
  });

  it('finds plan errors: max-targets, an operation the cloud lacks, a playbook in draft', async () => {
    const pb = loaded({
      execution: { maxTargets: 2 },
      steps: [{ id: 'snap', action: 'compute.instance.snapshot' }],
    });
    const { plan } = await engine.plan({ playbook: pb, state: 'draft', candidates: resources, params: {} });
    const codes = new Set(plan.findings.map((f) => f.code));
    assert.ok(codes.has('max-targets') && codes.has('operation-not-implemented'));
    assert.throws(
      () => engine.approve(plan.id, { kind: 'yes' }, 'draft'),
      /error\(s\) and cannot be approved/,
    );
  });
});
