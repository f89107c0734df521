import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Resource, SimManifest } from '@escher/protocol';
import {
  accuracyOf,
  scoreLabelled,
} from '../../../../packages/knowledge/src/intent/fixtures/intent-scoring.ts';
import { discoverSimEstateWithManifest } from './testing/sim-estate.ts';
import { labelMatches, measureTargetExactness } from './testing/target-exactness.ts';

// The floors of the exactness figure (bench/intent/target-exactness.ts runs it on the medium
// estate; this test on the small one, seed 7, to stay lean on a shared machine).
describe('escher ask target-set exactness over the labelled set (escher-sim seed 7, small)', () => {
  let resources: Resource[];
  let manifest: SimManifest;
  before(async () => {
    ({ resources, manifest } = await discoverSimEstateWithManifest({ seed: 7, size: 'small' }));
  });

  it('resolves at least 98% of the labelled requests to exactly the expected set', () => {
    const report = measureTargetExactness(resources, manifest);
    assert.ok(report.rows.length >= 140, `compared ${report.rows.length} requests`);
    assert.ok(report.nonEmpty >= 60, `${report.nonEmpty} requests expect some resources`);
    const misses = report.rows.filter((r) => !r.exact).map((r) => r.request);
    assert.ok(report.exact >= 0.98, `exact ${report.exact}: ${misses.join(' | ')}`);
    assert.ok(report.exactNonEmpty >= 0.96, `exact where non-empty ${report.exactNonEmpty}`);
    // The one known gap: no CPU metrics in the store yet, so nothing is idle (docs/ask.md).
    assert.deepEqual(
      misses.filter((m) => !/\bidle\b/.test(m)),
      [],
    );
  });

  it('keeps per-field intent accuracy at 97% or more', () => {
    const accuracy = accuracyOf(scoreLabelled());
    for (const [field, value] of Object.entries(accuracy.fields))
      assert.ok(value >= 0.97, `${field} ${value}`);
    assert.ok(accuracy.exact >= 0.97);
  });

  it('has a reference that disagrees with a wrong label (it is not a tautology)', () => {
    const vm = resources.find((r) => r.type === 'compute.instance' && r.environment === 'dev');
    assert.ok(vm);
    assert.equal(labelMatches(manifest, { resourceType: 'compute.instance', environment: 'dev' }, vm), true);
    assert.equal(
      labelMatches(manifest, { resourceType: 'compute.instance', environment: 'prod' }, vm),
      false,
    );
    assert.equal(labelMatches(manifest, { resourceType: 'storage.bucket' }, vm), false);
  });

  it('calls a firewall public for any world-open ingress, beyond the SSH/RDP/all rules planted', () => {
    const planted = new Set(
      ['network.firewall.open-ssh', 'network.firewall.open-rdp', 'network.firewall.open-all'].flatMap(
        (id) => manifest.misconfigurations[id as 'network.firewall.open-ssh']?.resources ?? [],
      ),
    );
    const publicLabel = {
      resourceType: 'network.firewall' as const,
      conditions: [{ kind: 'flag' as const, flag: 'public' as const, negated: false }],
    };
    const firewalls = resources.filter((r) => r.type === 'network.firewall');
    for (const id of planted) {
      const fw = firewalls.find((r) => r.id === id);
      if (fw) assert.equal(labelMatches(manifest, publicLabel, fw), true, id);
    }
    // Every Azure NSG here allows HTTPS from the Internet: open to the world, though not planted.
    const nsg = firewalls.find((r) => r.cloud === 'azure' && !planted.has(r.id));
    assert.ok(nsg);
    assert.equal(labelMatches(manifest, publicLabel, nsg), true);
  });
});
