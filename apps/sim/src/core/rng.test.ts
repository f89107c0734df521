import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from './rng.ts';

describe('Rng', () => {
  it('repeats the same stream for the same seed and differs for another', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const seqA = Array.from({ length: 20 }, () => a.next());
    assert.deepEqual(
      seqA,
      Array.from({ length: 20 }, () => b.next()),
    );
    assert.notDeepEqual(
      seqA,
      Array.from({ length: 20 }, () => c.next()),
    );
  });

  it('forks streams that depend on the label, not on how much the parent was used', () => {
    const parent = new Rng(1);
    const first = parent.fork('aws').hex(16);
    parent.next();
    assert.notEqual(new Rng(1).fork('azure').hex(16), first);
    assert.equal(new Rng(1).fork('aws').hex(16), first);
  });

  it('keeps values in range and picks by weight', () => {
    const rng = new Rng(3);
    let heavy = 0;
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(5, 9);
      assert.ok(n >= 5 && n <= 9);
      if (
        rng.weighted([
          ['a', 9],
          ['b', 1],
        ] as const) === 'a'
      )
        heavy++;
    }
    assert.ok(heavy > 1600 && heavy < 1990, `weighted pick skewed: ${heavy}`);
    assert.match(rng.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(rng.digits(12), /^[1-9]\d{11}$/);
  });
});
