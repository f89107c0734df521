import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { grainFor } from './list-cpu-metrics.ts';

describe('Azure Monitor time grains', () => {
  it('asks for the smallest grain Monitor accepts that covers the period', () => {
    assert.equal(grainFor(30), 'PT1M');
    assert.equal(grainFor(60), 'PT1M');
    assert.equal(grainFor(600), 'PT15M');
    assert.equal(grainFor(3600), 'PT1H');
    assert.equal(grainFor(7 * 86_400), 'P1D');
  });
});
