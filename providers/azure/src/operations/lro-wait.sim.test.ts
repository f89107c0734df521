import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource } from '@escher/protocol';
import type { CallContext, CallGate } from '@escher/provider-api';
import { startOpsHarness, type OpsHarness } from './operations.testing.ts';

const TRANSITION_MS = 1_000;

/** A gate that records every call context and says when a given operation's call has returned. */
function watchingGate(operation: string): { gate: CallGate; seen: CallContext[]; accepted: Promise<void> } {
  const seen: CallContext[] = [];
  let accept!: () => void;
  const accepted = new Promise<void>((resolve) => (accept = resolve));
  return {
    seen,
    accepted,
    gate: {
      run: async (ctx, call) => {
        seen.push(ctx);
        const out = await call();
        if (ctx.operation === operation) accept();
        return out;
      },
    },
  };
}

describe('Azure operations wait for ARM long-running operations as the SDK pollers do', () => {
  let h: OpsHarness;
  let vms: Resource[];

  before(async () => {
    // State changes take 1 s of simulated time: Azure-AsyncOperation says InProgress (Retry-After 1) until the clock passes.
    h = await startOpsHarness(['--seed', '7', '--size', 'small'], TRANSITION_MS);
    const estate = await h.discover();
    vms = [...estate.values()].filter(
      (r) => r.type === 'compute.instance' && r.attributes['powerState'] === 'running',
    );
    assert.ok(vms.length >= 2, 'two running VMs');
  });
  after(() => h?.stop());

  it('stays in flight while the VM deallocates, and resolves once the operation succeeds', async () => {
    const vm = vms[0]!;
    const { gate, seen, accepted } = watchingGate('virtualMachines.deallocate');
    let settled = false;
    const stop = h.actions.operations
      .find((o) => o.id === 'compute.instance.stop')!
      .run({ target: vm, params: {}, gate })
      .finally(() => (settled = true));
    await accepted;
    const midway = await h.refresh(vm);
    assert.equal(midway?.state, 'stopping');
    assert.equal(midway?.attributes['powerState'], 'deallocating');
    assert.equal(settled, false, 'not done while ARM says InProgress');
    await h.advance(TRANSITION_MS);
    const outcome = await stop;
    assert.equal(outcome.status, 'succeeded');
    assert.equal((await h.refresh(vm))?.attributes['powerState'], 'deallocated');
    assert.deepEqual(
      seen.map((c) => `${c.service}:${c.operation}`),
      [
        'arm:virtualMachines.instanceView',
        'arm-write:virtualMachines.deallocate',
        'arm-lro:virtualMachines.deallocate.wait',
      ],
      'one read, one gated write, one gated wait',
    );
  });

  it('stops waiting when the step is cancelled, with an abort rather than a failure', async () => {
    const vm = vms[1]!;
    const { gate, accepted } = watchingGate('virtualMachines.deallocate');
    const controller = new AbortController();
    const stop = h.actions.operations
      .find((o) => o.id === 'compute.instance.stop')!
      .run({ target: vm, params: {}, gate, signal: controller.signal });
    await accepted;
    controller.abort();
    await assert.rejects(stop, (e: Error) => e.name === 'AbortError');
  });
});
