import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import {
  countsOf,
  createCliHarness,
  initWithSimAccounts,
  manifestCounts,
  manifestTotal,
  setSimFaults,
  type CliHarness,
  type ResourceList,
  type SyncSummaryJson,
} from './testing/cli-harness.ts';

/** The outage is in AWS; the other clouds would only slow the file down. */
const CLOUDS = ['aws'] as const;

// One cloud region down (`POST /_sim/faults` with an outage), through the real `escher` command:
// a partial sync says so, keeps what it could not see, and the next healthy sync is clean.
describe('escher sync with one region down', () => {
  let sim: SimTarget;
  let h: CliHarness;
  let healthy: ResourceList;
  let total: number;

  before(async () => {
    sim = await startSimProcess(['--seed', '19', '--size', 'small']);
    h = createCliHarness({ prefix: 'escher-outage-' });
    await initWithSimAccounts(h, sim, 'outage-test-secret', CLOUDS);
    total = manifestTotal(sim.manifest, CLOUDS);
    const first = await h.json<SyncSummaryJson>('sync');
    assert.deepEqual(first.errors, []);
    healthy = await h.list();
    assert.equal(healthy.count, total);
  });
  after(async () => {
    await sim?.stop();
    h?.cleanup();
  });

  it('exits 2 naming the failed scopes with the cloud’s error, and keeps that region’s resources', async () => {
    // The AWS region with the most resources, other than us-east-1, where the account's region
    // listing itself is made (its outage is a different failure: see docs/cli-fault-tests.md).
    const byRegion = new Map<string, number>();
    for (const r of healthy.resources) {
      if (r.cloud === 'aws' && r.region !== 'global' && r.region !== 'us-east-1')
        byRegion.set(r.region, (byRegion.get(r.region) ?? 0) + 1);
    }
    const [down] = [...byRegion].sort((a, b) => b[1] - a[1])[0]!;
    const idsIn = (list: ResourceList): string[] =>
      list.resources
        .filter((r) => r.cloud === 'aws' && r.region === down)
        .map((r) => r.id)
        .sort();

    await setSimFaults(sim, { outages: [{ cloud: 'aws', region: down }] });
    const r = await h.run('sync', '--json');
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr, '', 'a partial sync is a result, not a crash: the JSON says it all');
    const summary = JSON.parse(r.stdout) as SyncSummaryJson;
    assert.ok(summary.errors.length > 0);
    for (const e of summary.errors) {
      assert.deepEqual([e.cloud, e.stage], ['aws', 'scope'], JSON.stringify(e));
      // A global scope (S3) fails too when one of its buckets lives in the region that is down.
      assert.ok(e.region === down || (e.region === 'global' && e.message.includes(down)), JSON.stringify(e));
      assert.ok(e.account && e.service, `the scope is named: ${JSON.stringify(e)}`);
      assert.match(e.message, /unavailable|overloaded/i, 'the cloud’s own error');
    }
    assert.deepEqual(
      new Set(summary.errors.filter((e) => e.region === down).map((e) => e.account)),
      new Set(sim.manifest.accounts['aws']!.map((a) => a.id)),
      'the region fails in every account',
    );
    assert.equal(summary.removed, 0, 'nothing in the unreachable region is reported removed');
    assert.equal(summary.added, 0);
    assert.equal(summary.changed, 0);

    const during = await h.list();
    assert.equal(during.count, total);
    assert.deepEqual(idsIn(during), idsIn(healthy));
    assert.ok(idsIn(during).length > 0);
  });

  it('once the region is back, the next sync is clean and changes nothing', async () => {
    await setSimFaults(sim, {});
    const r = await h.run('sync', '--json');
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as SyncSummaryJson;
    assert.deepEqual(
      {
        errors: summary.errors,
        resources: summary.resources,
        added: summary.added,
        changed: summary.changed,
        removed: summary.removed,
      },
      { errors: [], resources: total, added: 0, changed: 0, removed: 0 },
    );
    assert.deepEqual(countsOf((await h.list()).resources), manifestCounts(sim.manifest, CLOUDS));
  });
});
