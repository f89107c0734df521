import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OperationalError } from '@escher/protocol';
import { startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import type { ScanEvent, ScanSink } from '../scanner/index.ts';
import { openTempStore, type TempStore } from '../store/testing/temp-store.ts';
import type { Store } from '../store/index.ts';
import { closeProvider, loadProvider, type ProviderSpec } from './provider-spec.ts';
import { PACED_SERVICES, scanInThreads } from './threaded-scanner.ts';

// One worker thread per cloud against the simulator: the same sync as the in-process scanner,
// cancellation, a cloud that cannot be scanned, and a store that refuses a write.

function specsFor(sim: SimTarget): ProviderSpec[] {
  return [
    {
      name: 'aws',
      cloud: 'aws',
      credentials: {
        kind: 'roles',
        base: { kind: 'keys', accessKeyId: 'AKIAESCHERTHREADTEST', secretAccessKey: 'test' },
        roleArns: (sim.manifest.accounts['aws'] ?? []).map((a) => `arn:aws:iam::${a.id}:role/escher-read`),
      },
      settings: { endpoint: sim.aws },
    },
    {
      name: 'azure',
      cloud: 'azure',
      credentials: {
        kind: 'service-principal',
        tenantId: sim.azureTenantId,
        clientId: 'escher-thread-test',
        clientSecret: 'test',
      },
      settings: { endpoint: sim.azure, caCert: sim.caCert },
    },
    {
      name: 'gcp',
      cloud: 'gcp',
      credentials: { kind: 'access-token', token: 'test' },
      settings: { endpoint: sim.gcp },
    },
  ];
}

function sinkOf(store: Store, overrides: Partial<ScanSink<number>> = {}): ScanSink<number> {
  return {
    beginSync: () => store.beginSync(),
    replaceScope: (scope, resources, syncId) => store.replaceScope(scope, resources, syncId),
    markScopeFailed: (scope, error, syncId) => store.markScopeFailed(scope, error, syncId),
    finishSync: (syncId, summary) => store.finishSync(syncId, summary),
    ...overrides,
  };
}

describe('scanning each cloud in a worker thread', () => {
  let sim: SimTarget;
  const temps: TempStore[] = [];
  const tempStore = async (): Promise<TempStore> => {
    const temp = await openTempStore();
    temps.push(temp);
    return temp;
  };

  before(async () => {
    sim = await startSimProcess(['--seed', '31', '--size', 'small']);
  });
  after(async () => {
    for (const temp of temps) await temp.cleanup();
    await sim?.stop();
  });

  it('writes every resource of the manifest once, from three threads, reporting progress as it goes', async () => {
    const { store } = await tempStore();
    const events: ScanEvent[] = [];
    const summary = await scanInThreads(
      { specs: specsFor(sim), sink: sinkOf(store) },
      { onProgress: (e) => events.push(e) },
    );
    assert.deepEqual(summary.errors, []);
    assert.equal(summary.resources, sim.manifest.totalResources);
    assert.equal(summary.added, sim.manifest.totalResources);
    assert.equal(store.listResources({}).length, sim.manifest.totalResources);
    for (const cloud of ['aws', 'azure', 'gcp'] as const) {
      const expected = Object.values(sim.manifest.counts[cloud] ?? {}).reduce(
        (sum, byType) => sum + Object.values(byType).reduce((a, b) => a + b, 0),
        0,
      );
      assert.equal(store.listResources({ cloud }).length, expected, cloud);
    }
    const kinds = new Set(events.map((e) => e.kind));
    for (const kind of ['scan-started', 'account-planned', 'scope-done', 'api-call', 'scan-finished'])
      assert.ok(kinds.has(kind as ScanEvent['kind']), kind);
    const calls = events.filter((e) => e.kind === 'api-call').length;
    assert.equal(calls, summary.apiCalls, 'every call reported once');
    const written = events.filter((e) => e.kind === 'scope-done');
    assert.equal(
      written.reduce((sum, e) => sum + (e.kind === 'scope-done' ? e.resources : 0), 0),
      summary.resources,
    );
  });

  it('plans paced services on a thread of their own exactly as the providers flag them', async () => {
    for (const spec of specsFor(sim)) {
      const provider = await loadProvider(spec);
      const flagged = provider.services.filter((s) => s.paced).map((s) => s.id);
      closeProvider(provider);
      assert.deepEqual([...(PACED_SERVICES[spec.cloud] ?? [])].sort(), flagged.sort(), spec.cloud);
    }
  });

  it('a scan of some services only writes those, paced or not', async () => {
    const { store } = await tempStore();
    const summary = await scanInThreads(
      { specs: specsFor(sim), sink: sinkOf(store) },
      { services: ['iam.users', 'ec2.instances'] },
    );
    assert.deepEqual(summary.errors, []);
    const types = new Set(store.listResources({}).map((r) => r.type));
    assert.deepEqual([...types].sort(), ['compute.instance', 'iam.user']);
  });

  it('a second sync of the same estate changes nothing', async () => {
    const { store } = await tempStore();
    await scanInThreads({ specs: specsFor(sim), sink: sinkOf(store) });
    const again = await scanInThreads({ specs: specsFor(sim), sink: sinkOf(store) });
    assert.deepEqual([again.added, again.changed, again.removed], [0, 0, 0]);
    assert.equal(again.resources, sim.manifest.totalResources);
  });

  it('cancelling keeps the scopes written so far and closes the sync', async () => {
    const { store } = await tempStore();
    const controller = new AbortController();
    let done = 0;
    await assert.rejects(
      scanInThreads(
        { specs: specsFor(sim), sink: sinkOf(store) },
        {
          signal: controller.signal,
          onProgress: (e) => {
            if (e.kind === 'scope-done' && ++done === 3) controller.abort();
          },
        },
      ),
      (error: unknown) => error instanceof OperationalError && error.code === 'scan-cancelled',
    );
    const [sync] = store.recentSyncs(1);
    assert.notEqual(sync?.status, 'running');
    assert.ok(store.listResources({}).length > 0, 'completed scopes were saved');
    assert.ok(store.listResources({}).length < sim.manifest.totalResources);
    assert.deepEqual(store.integrityCheck(), ['ok']);
  });

  it('a cloud that cannot be scanned is that cloud’s error; the others finish', async () => {
    const { store } = await tempStore();
    const specs = specsFor(sim).map((spec) =>
      spec.cloud === 'gcp' ? { ...spec, credentials: { kind: 'no-such-kind' } } : spec,
    );
    const summary = await scanInThreads({ specs, sink: sinkOf(store) });
    const gcpErrors = summary.errors.filter((e) => e.cloud === 'gcp');
    assert.equal(gcpErrors.length, 1);
    assert.equal(gcpErrors[0]?.stage, 'accounts');
    assert.ok(gcpErrors[0]?.message, 'the error says what went wrong');
    assert.equal(store.listResources({ cloud: 'gcp' }).length, 0);
    assert.ok(store.listResources({ cloud: 'aws' }).length > 0);
    assert.ok(store.listResources({ cloud: 'azure' }).length > 0);
  });

  it('a write the store refuses fails the scan with the store’s own error', async () => {
    const { store } = await tempStore();
    const refusal = new OperationalError('store-disk-full', 'database or disk is full', { retryable: false });
    const sink = sinkOf(store, {
      replaceScope: () => {
        throw refusal;
      },
    });
    await assert.rejects(
      scanInThreads({ specs: specsFor(sim).slice(0, 1), sink }),
      (error: unknown) => error === refusal,
    );
  });
});
