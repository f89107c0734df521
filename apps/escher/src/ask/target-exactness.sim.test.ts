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

  it('resolves at least 90% of the labelled requests to exactly the expected set', () => {
    const report = measureTargetExactness(resources, manifest);
    assert.ok(report.rows.length >= 140, `compared ${report.rows.length} requests`);
    assert.ok(report.nonEmpty >= 60, `${report.nonEmpty} requests expect some resources`);
    const misses = report.rows.filter((r) => !r.exact).map((r) => r.request);
    assert.ok(report.exact >= 0.9, `exact ${report.exact}: ${misses.join(' | ')}`);
    assert.ok(report.exactNonEmpty >= 0.85, `exact where non-empty ${report.exactNonEmpty}`);
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
});
