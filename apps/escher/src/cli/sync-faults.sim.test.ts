import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import {
  clearSimCalls,
  countsOf,
  createCliHarness,
  duplicateIds,
  initWithSimAccounts,
  manifestCounts,
  setSimFaults,
  simFaultCounts,
  type CliHarness,
  type SyncSummaryJson,
} from './testing/cli-harness.ts';

// What a user sees when the clouds throttle, fail and page oddly, through the real `escher`
// command against a simulator process whose faults are set at run time (`POST /_sim/faults`);
// the manifest (`GET /_sim/manifest`) is the ground truth of what exists.
describe('escher sync through a throttling storm, 5xx and odd pages', () => {
  let sim: SimTarget;
  let h: CliHarness;

  before(async () => {
    sim = await startSimProcess(['--seed', '11', '--size', 'small']);
    h = createCliHarness({ prefix: 'escher-faults-' });
    await initWithSimAccounts(h, sim, 'faults-test-secret');
  });
  after(async () => {
    await sim?.stop();
    h?.cleanup();
  });

  it('finds every resource exactly once through a throttling storm, 5% 5xx and tiny or empty pages', async () => {
    await setSimFaults(sim, {
      // A fifth of each cloud’s real limits: IAM’s and Resource Graph’s buckets run dry mid-sync.
      rateLimits: { enabled: true, scale: 0.2 },
      errorRate: 0.05,
      pagination: { maxPageSize: 5, emptyPageEvery: 3 },
      seed: 7,
    });
    await clearSimCalls(sim);
    const r = await h.run('sync', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '', 'nothing but JSON with --json, not even on stderr');
    const summary = JSON.parse(r.stdout) as SyncSummaryJson;
    assert.deepEqual(summary.errors, []);
    assert.equal(summary.resources, sim.manifest.totalResources);
    assert.equal(summary.added, sim.manifest.totalResources);

    const faults = await simFaultCounts(sim);
    assert.ok(faults.throttle > 0, `the simulator throttled calls (${JSON.stringify(faults)})`);
    assert.ok(faults.error > 0, `the simulator answered calls with 5xx (${JSON.stringify(faults)})`);

    const healthy = await h.list();
    assert.equal(healthy.count, sim.manifest.totalResources);
    assert.deepEqual(duplicateIds(healthy.resources), []);
    assert.deepEqual(countsOf(healthy.resources), manifestCounts(sim.manifest));
  });
});
