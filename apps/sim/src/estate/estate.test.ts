import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { CHECK_IDS, SimManifestSchema } from '@escher/protocol';
import { generateEstate } from './estate.ts';
import { serializeEstate } from './serialize.ts';
import { planEstate, split } from './size.ts';

const epoch = Date.UTC(2026, 10, 1);
const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('estate generation', () => {
  it('gives byte-identical estates for the same seed and epoch, different ones for another seed', () => {
    const a = serializeEstate(generateEstate({ seed: 5, size: 'small', epoch }));
    const b = serializeEstate(generateEstate({ seed: 5, size: 'small', epoch }));
    const c = serializeEstate(generateEstate({ seed: 6, size: 'small', epoch }));
    assert.equal(digest(a), digest(b));
    assert.notEqual(digest(a), digest(c));
  });

  it('describes itself in a manifest that matches the schema and the plan', () => {
    const { manifest } = generateEstate({ seed: 1, size: 'medium', epoch });
    assert.ok(SimManifestSchema.safeParse(manifest).success);
    const plan = planEstate('medium');
    assert.equal(manifest.accounts.aws!.length, plan.accounts.aws);
    assert.equal(manifest.accounts.azure!.length, plan.accounts.azure);
    assert.equal(manifest.accounts.gcp!.length, plan.accounts.gcp);
    let total = 0;
    for (const byAccount of Object.values(manifest.counts)) {
      for (const byType of Object.values(byAccount)) for (const n of Object.values(byType)) total += n ?? 0;
    }
    assert.equal(total, manifest.totalResources);
    // Within 15 % of the requested size.
    assert.ok(Math.abs(manifest.totalResources - 3000) / 3000 < 0.15, `total ${manifest.totalResources}`);
  });

  it('has every SPEC section 6 misconfiguration at a medium size', () => {
    const { manifest } = generateEstate({ seed: 1, size: 'medium', epoch });
    const missing = CHECK_IDS.filter((id) => !(manifest.misconfigurations[id]?.count ?? 0));
    assert.deepEqual(missing, []);
  });
});

describe('planEstate / split', () => {
  it('rejects nonsense sizes with a clear message', () => {
    assert.throws(() => planEstate('huge'), /small, medium, large or a whole number/);
    assert.throws(() => planEstate('5'), /small, medium, large/);
  });

  it('splits totals exactly, honouring the minimum', () => {
    const parts = split(100, { a: 3, b: 1, c: 0.01 }, 1);
    assert.equal(parts.a + parts.b + parts.c, 100);
    assert.ok(parts.c >= 1);
    assert.ok(parts.a > parts.b);
  });
});
