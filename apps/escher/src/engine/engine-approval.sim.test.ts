import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { after, before, describe, it } from 'node:test';
import type { ExecutionRecord, Plan } from '@escher/protocol';
import { ExecutionTable } from './execution-table.ts';
import { changedIds, readBack, simInstanceStates, startEngineSim, type EngineSim } from './engine.testing.ts';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];

// Approvals bound to plan hashes, and crash recovery, through the real `escher` binary.
describe('escher approve / run --plan / executions against escher-sim', () => {
  let env: EngineSim;
  let planB: Plan;
  before(async () => {
    env = await startEngineSim([]);
  });
  after(async () => {
    await env?.sim.stop();
    env?.h.cleanup();
  });

  it('refuses an approval replayed on a changed plan or on another plan', async () => {
    const target = env.instances.find(
      (r) => r.region === 'us-west-2' && r.environment === 'dev' && r.state === 'running',
    );
    assert.ok(target);
    const before = await simInstanceStates(env.sim, REGIONS);
    const { plan: planA } = await env.h.json<{ plan: Plan }>(
      'run',
      'stop-compute-instance',
      '--target',
      target.id,
      '--plan-only',
    );
    const approve = await env.h.run('approve', planA.id, '--yes');
    assert.equal(approve.code, 0, approve.stderr);
    assert.match(approve.stdout, new RegExp(`Approved ${planA.id}`));

    // Someone holding the store key edits the approved plan (adds Force) and copies its approval onto B.
    const store = await env.h.openStore();
    try {
      const db = store.database();
      const changed = structuredClone(planA);
      changed.targets[0]!.steps[0]!.run = { operation: 'compute.instance.stop', params: { force: true } };
      db.exec('DROP TRIGGER plans_immutable');
      db.prepare('UPDATE plans SET plan = ? WHERE id = ?').run(JSON.stringify(changed), planA.id);
      // Plan B: the same content under another id, pending; then A's approval copied onto it.
      planB = { ...planA, id: 'plan-0000000b0b' };
      const table = new ExecutionTable(db);
      table.insertPlan(planB, 'ex-0000000b0b', new Date().toISOString());
      db.prepare(
        `INSERT INTO approvals (plan_id, plan_hash, approver, key_id, signature, at)
         SELECT ?, plan_hash, approver, key_id, signature, at FROM approvals WHERE plan_id = ?`,
      ).run(planB.id, planA.id);
      table.setState('ex-0000000b0b', 'approved');
    } finally {
      store.close();
    }
    for (const planId of [planA.id, planB.id]) {
      const r = await env.h.run('run', '--plan', planId);
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, /does not match the plan as it is now/);
    }
    assert.deepEqual(changedIds(before, await simInstanceStates(env.sim, REGIONS)), []);
    const { ledger } = await readBack(env.h);
    assert.equal(ledger.filter((e) => e.kind === 'execution-started').length, 0);
  });

  it('marks an execution a dead process left running as interrupted, and never resumes it', async () => {
    const store = await env.h.openStore();
    try {
      // A pid above Linux's pid_max: no such process.
      store
        .database()
        .prepare("UPDATE executions SET state = 'running', pid = ?, host = ? WHERE plan_id = ?")
        .run(2 ** 22 + 12345, hostname(), planB.id);
    } finally {
      store.close();
    }
    const r = await env.h.run('executions', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /was left running by a process that ended; marked interrupted \(not resumed\)/);
    const list = JSON.parse(r.stdout) as { executions: ExecutionRecord[] };
    assert.equal(list.executions.find((e) => e.planId === planB.id)?.state, 'interrupted');
    const { ledger } = await readBack(env.h);
    assert.ok(ledger.some((e) => e.kind === 'execution-finished' && e.data['status'] === 'interrupted'));
    assert.equal(ledger.filter((e) => e.kind === 'step-started').length, 0);
  });
});
