import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EscherError, type Resource } from '@escher/protocol';
import type { CallGate } from '@escher/provider-api';
import {
  dryRunChangesNothing,
  runChangingOnly,
  stable,
  startOpsHarness,
  undo,
  type OpsHarness,
} from './testing/ops-harness.ts';

describe('GCP compute.instance operations against escher-sim', () => {
  let h: OpsHarness;
  let instances: Resource[];
  const running = () =>
    instances.find((i) => i.state === 'running' && i.attributes['deletionProtection'] !== true)!;
  /** A stopped instance: one the estate has, or a running one stopped for the test. */
  const stopped = async (): Promise<Resource> => {
    const found = (await h.discover('compute.instance')).find((i) => i.state === 'stopped');
    if (found) return found;
    const target = instances.filter((i) => i.state === 'running').at(-1)!;
    await h.run('compute.instance.stop', target);
    return (await h.refresh(target))!;
  };

  before(async () => {
    h = await startOpsHarness();
    instances = await h.discover('compute.instance');
  });
  after(() => h?.stop());

  it('stop: dry run changes nothing; the stop changes only that instance; undo starts it again', async () => {
    const target = running();
    const dry = await dryRunChangesNothing(h, 'compute.instance.stop', target);
    assert.match(dry.message, /would stop instance/);
    const { outcome, after: stoppedNow } = await runChangingOnly(h, 'compute.instance.stop', target);
    assert.equal(outcome.status, 'succeeded');
    assert.equal(stoppedNow?.state, 'stopped');
    assert.deepEqual(outcome.undo, { operation: 'compute.instance.start', params: {} });
    await undo(h, target, outcome);
    assert.deepEqual(stable(await h.refresh(target)), stable(target));
  });

  it('every call goes through the gate, exactly as the simulator logs them', async () => {
    const target = running();
    await fetch(`${h.sim.gcp}/_sim/calls`, { method: 'DELETE' });
    h.calls.length = 0;
    const outcome = await h.run('compute.instance.stop', target);
    const log = (await (await fetch(`${h.sim.gcp}/_sim/calls?summary=1&cloud=gcp`)).json()) as {
      summary: { byOperation: Record<string, number> };
    };
    const gated: Record<string, number> = {};
    for (const c of h.calls)
      gated[`gcp:${c.service}:${c.operation}`] = (gated[`gcp:${c.service}:${c.operation}`] ?? 0) + 1;
    assert.deepEqual(gated, log.summary.byOperation);
    assert.ok(gated['gcp:compute:instances.stop'] === 1);
    await undo(h, target, outcome);
  });

  it('stopping a stopped instance is a no-op for Google: it succeeds and has nothing to undo', async () => {
    const outcome = await h.run('compute.instance.stop', await stopped());
    assert.equal(outcome.status, 'succeeded');
    assert.equal(outcome.undo, undefined);
  });

  it('waits on the zone operation until DONE when the change takes time', async () => {
    const target = running();
    const stop = h.actions.operations.find((o) => o.id === 'compute.instance.stop')!;
    const start = h.actions.operations.find((o) => o.id === 'compute.instance.start')!;
    /** A gate that says when a given call has been answered (the operation is then RUNNING). */
    const answered = (operation: string) => {
      let done!: () => void;
      const sent = new Promise<void>((resolve) => (done = resolve));
      const waits: string[] = [];
      const gate: CallGate = {
        run: async (ctx, call) => {
          const value = await call();
          waits.push(ctx.operation);
          if (ctx.operation === operation) done();
          return value;
        },
      };
      return { sent, gate, waits };
    };
    await h.setTransitionMs(60_000);
    try {
      const stopping = answered('instances.stop');
      const run = stop.run({ target, params: {}, gate: stopping.gate });
      await stopping.sent;
      assert.equal((await h.refresh(target))?.state, 'stopping');
      await h.advance(60_000);
      const outcome = await run;
      assert.equal((await h.refresh(target))?.state, 'stopped');
      assert.ok(stopping.waits.includes('zoneOperations.wait'));
      const starting = answered('instances.start');
      const back = start.run({ target, params: outcome.undo!.params, gate: starting.gate });
      await starting.sent;
      await h.advance(60_000);
      await back;
    } finally {
      await h.setTransitionMs(0);
    }
    assert.equal((await h.refresh(target))?.state, 'running');
  });

  it('restart: resets a running instance; a stopped one is refused with the cloud code', async () => {
    const outcome = await h.run('compute.instance.restart', running());
    assert.equal(outcome.status, 'succeeded');
    assert.equal(outcome.undo, undefined);
    await assert.rejects(
      h.run('compute.instance.restart', await stopped(), {}, true),
      (e: unknown) => e instanceof EscherError && e.code === 'gcp-wrong-state',
    );
    await assert.rejects(
      h.run('compute.instance.restart', await stopped()),
      (e: unknown) =>
        e instanceof EscherError && e.kind === 'user' && /\[400 resourceNotReady\]/.test(e.message),
    );
  });

  it('resize: refused while running (dry run and real call), works stopped, undo restores the type', async () => {
    const target = running();
    await assert.rejects(
      h.run('compute.instance.resize', target, { size: 'e2-standard-8' }, true),
      (e: unknown) =>
        e instanceof EscherError && e.code === 'gcp-wrong-state' && /Stop the instance/.test(e.hint ?? ''),
    );
    await assert.rejects(
      h.run('compute.instance.resize', target, { size: 'e2-standard-8' }),
      (e: unknown) => e instanceof EscherError && /resourceNotReady/.test(e.message),
    );
    const idle = await stopped();
    const old = idle.attributes['size'];
    await dryRunChangesNothing(h, 'compute.instance.resize', idle, { size: 'e2-standard-8' });
    const { outcome, after: resized } = await runChangingOnly(h, 'compute.instance.resize', idle, {
      size: 'e2-standard-8',
    });
    assert.equal(resized?.attributes['size'], 'e2-standard-8');
    assert.deepEqual(outcome.undo, { operation: 'compute.instance.resize', params: { size: old } });
    await undo(h, idle, outcome);
    assert.equal((await h.refresh(idle))?.attributes['size'], old);
    await assert.rejects(
      h.run('compute.instance.resize', idle, { size: 'no-such-type' }),
      (e: unknown) => e instanceof EscherError && /\[400 invalid\]/.test(e.message),
    );
    await assert.rejects(
      h.run('compute.instance.resize', idle, { size: '$(touch pwned)' }),
      (e: unknown) => e instanceof EscherError && e.code === 'gcp-operation-params-invalid',
    );
  });

  it('snapshot: one READY snapshot per attached disk, listed in created, discovered by a sync', async () => {
    const target = running();
    const disks = target.relationships.filter((r) => r.kind === 'attached-volume').length;
    const before = await h.discover('compute.snapshot');
    await dryRunChangesNothing(h, 'compute.instance.snapshot', target);
    assert.equal((await h.discover('compute.snapshot')).length, before.length);
    const outcome = await h.run('compute.instance.snapshot', target, { tags: { made_by: 'escher' } });
    assert.equal(outcome.created?.length, disks);
    const afterIds = new Set((await h.discover('compute.snapshot')).map((s) => s.id));
    for (const id of outcome.created ?? []) assert.ok(afterIds.has(id), `${id} is discovered`);
    const made = (await h.discover('compute.snapshot')).find((s) => s.id === outcome.created![0]);
    assert.equal(made?.state, 'available');
    assert.deepEqual(made?.tags, { made_by: 'escher' });
    assert.equal(outcome.undo, undefined);
  });

  it('delete: refused under deletion protection in a dry run; deletes; gone for refresh and discovery', async () => {
    const protectedOne = instances.find((i) => i.attributes['deletionProtection'] === true);
    if (protectedOne)
      await assert.rejects(
        h.run('compute.instance.delete', protectedOne, {}, true),
        (e: unknown) => e instanceof EscherError && e.code === 'gcp-wrong-state',
      );
    const target = await stopped();
    const outcome = await h.run('compute.instance.delete', target);
    assert.equal(outcome.undo, undefined);
    assert.equal(await h.refresh(target), undefined);
    assert.ok(!(await h.discover('compute.instance')).some((i) => i.id === target.id));
    await assert.rejects(
      h.run('compute.instance.stop', target),
      (e: unknown) =>
        e instanceof EscherError && e.code === 'gcp-not-found' && /\[404 notFound\]/.test(e.message),
    );
  });

  it('refuses targets of another type or cloud before any call', async () => {
    const disk = (await h.discover('compute.volume'))[0]!;
    h.calls.length = 0;
    await assert.rejects(
      h.run('compute.instance.stop', disk),
      (e: unknown) => e instanceof EscherError && e.code === 'gcp-operation-target-invalid',
    );
    await assert.rejects(
      h.run('compute.instance.stop', { ...running(), cloud: 'aws' }),
      (e: unknown) => e instanceof EscherError && e.code === 'gcp-operation-target-invalid',
    );
    assert.equal(h.calls.length, 0);
  });
});
