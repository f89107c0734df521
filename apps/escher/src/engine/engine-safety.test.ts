import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { UserError, type PlaybookInput, type Resource } from '@escher/protocol';
import { openTempLedger, type TempLedger } from '../ledger/ledger.testing.ts';
import type { LoadedPlaybook } from '../playbooks/index.ts';
import { Engine } from './engine.ts';
import { FakeCloud, instance, loaded, noGraph } from './engine-fake-cloud.testing.ts';
import type { RefreshedTarget } from './run-execution.ts';
import { RoleTable, type Role } from './roles.ts';

// Issue 5's safety gaps, in-process over a real temp store and ledger with a fake cloud and a
// manual clock: verified rollbacks, the store refreshed after apply, every step dry-run, roles.
describe('Engine safety: rollback verify, store refresh, dry runs, roles', () => {
  let t: TempLedger;
  let cloud: FakeCloud;
  let engine: Engine;
  let resources: Resource[];
  let written: RefreshedTarget[][];
  let roles: RoleTable;
  let actor: string;

  const build = (): Engine =>
    new Engine({
      db: t.db,
      record: (e) => t.ledger.append(e),
      signingKey: () => t.ledger.signingKey(),
      actor,
      clock: t.temp.clock,
      sleep: async (ms) => t.temp.clock.advance(ms),
      graph: noGraph,
      resourceOf: (id) => resources.find((r) => r.id === id),
      actionsFor: () => cloud,
      commandEnv: () => ({}),
      redact: (s) => s,
      load: async () => undefined,
      role: () => roles.roleOf(actor),
      writeRefreshed: (list) => written.push(list),
      cancelPollMs: 5,
    });

  beforeEach(async () => {
    t = await openTempLedger();
    cloud = new FakeCloud(() => t.temp.clock.now(), 20_000);
    resources = [1, 2, 3].map((n) => instance(n));
    written = [];
    actor = 'alice';
    roles = new RoleTable(t.db, (e) => t.ledger.append(e));
    engine = build();
  });
  afterEach(() => t.temp.cleanup());

  const stopThenRollback = (extra: Partial<PlaybookInput> = {}): LoadedPlaybook =>
    loaded({
      steps: [
        {
          id: 'stop',
          action: 'compute.instance.stop',
          // Never reached: the stop is undone, and the undo must really restore `running`.
          verify: { state: 'terminated', timeoutSeconds: 60, intervalSeconds: 10 },
          rollback: 'auto',
          onFailure: 'rollback',
        },
      ],
      ...extra,
    });

  const approveAndApply = async (pb: LoadedPlaybook, targets = resources.slice(0, 1)) => {
    const { plan } = await engine.plan({ playbook: pb, state: 'ready', candidates: targets, params: {} });
    engine.approve(plan.id, { kind: 'yes' }, 'ready');
    return engine.apply(plan.id);
  };

  it('a rollback whose undo did not restore the target is failed, with the reason in the ledger', async () => {
    cloud.brokenUndo = true;
    const { state, executionId } = await approveAndApply(stopThenRollback());
    assert.equal(state, 'failed', 'never rolled-back when the target is not back');
    assert.deepEqual(cloud.calls, ['stopped:i-1', 'pretend-start:i-1']);
    const verify = t.ledger.list({ limit: 100, kind: 'rollback' }).find((e) => e.data['stage'] === 'verify');
    assert.equal(verify?.data['status'], 'failed');
    assert.match(
      String(verify?.data['reason']),
      /not back to its state before the run: state is stopped, was running/,
    );
    const finished = t.ledger.list({ limit: 100, kind: 'execution-finished' }).at(-1);
    assert.equal(finished?.data['status'], 'failed');
    const notices = engine.table.eventsAfter(executionId, 0).map((e) => e.text);
    assert.ok(
      notices.some((n) => /rollback NOT verified on web-1/.test(n)),
      notices.join('\n'),
    );
  });

  it('a rollback that restored the target is verified (re-read) before it counts as rolled-back', async () => {
    const { state } = await approveAndApply(stopThenRollback());
    assert.equal(state, 'rolled-back');
    const verify = t.ledger.list({ limit: 100, kind: 'rollback' }).find((e) => e.data['stage'] === 'verify');
    assert.equal(verify?.data['status'], 'succeeded');
  });

  it('writes every changed target, re-read from its cloud, to the store after apply; a deleted one as gone', async () => {
    const stop = loaded({ steps: [{ id: 'stop', action: 'compute.instance.stop' }] });
    await approveAndApply(stop, resources.slice(0, 2));
    assert.equal(written.length, 1);
    assert.deepEqual(written[0]!.map((r) => r.id).sort(), ['i-1', 'i-2']);
    const del = loaded({
      applicability: { clouds: ['aws'], resourceTypes: ['compute.instance'], actions: ['delete'] },
      steps: [{ id: 'delete', action: 'compute.instance.delete' }],
    });
    await approveAndApply(del, resources.slice(2, 3));
    assert.deepEqual(written[1], [{ id: 'i-3', resource: undefined }]);
  });

  it('dry-runs every operation step of every target, not just the first', async () => {
    const pb = loaded({
      applicability: { clouds: ['aws'], resourceTypes: ['compute.instance'], actions: ['stop', 'resize'] },
      steps: [
        { id: 'stop', action: 'compute.instance.stop' },
        { id: 'resize', action: 'compute.instance.resize', input: { size: 'large' } },
      ],
    });
    const { plan } = await engine.plan({ playbook: pb, state: 'ready', candidates: resources, params: {} });
    assert.deepEqual(plan.findings, []);
    assert.deepEqual(cloud.dryRuns.sort(), ['resize:i-1', 'resize:i-2', 'resize:i-3']);

    // A later step refused for the current state is a warning (the earlier step changes it)…
    cloud.resizeRefusal = new UserError('aws-wrong-state', 'IncorrectInstanceState: i-1 is running', {
      hint: 'stop it',
    });
    const later = await engine.plan({
      playbook: pb,
      state: 'ready',
      candidates: resources.slice(0, 1),
      params: {},
    });
    assert.deepEqual(
      later.plan.findings.map((f) => [f.severity, f.code]),
      [['warning', 'dry-run-state']],
    );
    // …any other refusal (permissions) is an error that blocks approval.
    cloud.resizeRefusal = new UserError('aws-access-denied', 'UnauthorizedOperation', { hint: 'grant it' });
    const denied = await engine.plan({
      playbook: pb,
      state: 'ready',
      candidates: resources.slice(0, 1),
      params: {},
    });
    assert.deepEqual(
      denied.plan.findings.map((f) => [f.severity, f.code]),
      [['error', 'dry-run-refused']],
    );
    assert.match(
      denied.plan.findings[0]!.message,
      /^resize \(compute\.instance\.resize\): UnauthorizedOperation/,
    );
  });

  it('runs no dry run past the max-targets breaker', async () => {
    const pb = loaded({
      execution: { maxTargets: 2 },
      steps: [{ id: 'resize', action: 'compute.instance.resize', input: { size: 'large' } }],
    });
    const { plan } = await engine.plan({ playbook: pb, state: 'ready', candidates: resources, params: {} });
    assert.deepEqual(
      plan.findings.map((f) => f.code),
      ['max-targets'],
    );
    assert.deepEqual(cloud.dryRuns, []);
  });

  describe('roles', () => {
    const as = (user: string, role: Role): void => {
      if (user !== 'alice') roles.set(user, role, 'alice', '2026-01-01T00:00:00Z');
      else {
        roles.set('root', 'admin', 'alice', '2026-01-01T00:00:00Z');
        roles.set('alice', role, 'root', '2026-01-01T00:00:00Z');
      }
      actor = user;
      engine = build();
    };
    const stop = loaded({ steps: [{ id: 'stop', action: 'compute.instance.stop' }] });
    const plan = () =>
      engine.plan({ playbook: stop, state: 'ready', candidates: resources.slice(0, 1), params: {} });

    it('the single local user is an admin by default and may do everything', async () => {
      assert.equal(roles.roleOf('alice'), 'admin');
      assert.equal((await approveAndApply(stop)).state, 'succeeded');
    });

    it('a viewer cannot plan', async () => {
      as('victor', 'viewer');
      await assert.rejects(plan(), (e: UserError) => {
        assert.equal(e.code, 'role-forbidden');
        assert.match(e.message, /victor is a viewer and may not plan changes/);
        assert.match(e.hint ?? '', /needs the operator role/);
        return true;
      });
    });

    it('an operator can plan and apply an approved plan, but cannot approve', async () => {
      const { plan: p } = await plan();
      as('olga', 'operator');
      const mine = await plan();
      assert.throws(
        () => engine.approve(mine.plan.id, { kind: 'yes' }, 'ready'),
        /olga is an operator and may not approve plans/,
      );
      actor = 'alice';
      engine = build();
      engine.approve(p.id, { kind: 'yes' }, 'ready');
      actor = 'olga';
      engine = build();
      assert.equal((await engine.apply(p.id)).state, 'succeeded');
    });

    it('an approver cannot apply an unapproved plan', async () => {
      as('abby', 'approver');
      const { plan: p } = await plan();
      await assert.rejects(engine.apply(p.id), /approv/i);
      assert.deepEqual(cloud.calls, []);
    });

    it('a viewer cannot cancel; only an admin changes roles, and each change is in the ledger', async () => {
      const { executionId } = await plan();
      as('victor', 'viewer');
      assert.throws(() => engine.cancel(executionId), /may not cancel executions/);
      assert.throws(() => roles.set('victor', 'admin', 'victor', 'now'), /may not change roles/);
      const changes = t.ledger.list({ limit: 100, kind: 'settings-changed' });
      assert.deepEqual(changes.at(-1)?.data, {
        setting: 'role',
        user: 'victor',
        from: 'admin',
        to: 'viewer',
        by: 'alice',
      });
    });

    it('refuses to demote the last admin', () => {
      assert.throws(() => roles.set('alice', 'viewer', 'alice', 'now'), /only admin/);
    });
  });
});
