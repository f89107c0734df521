import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuseRankings, maxFusedScore } from './rank-fusion.ts';

test('agreement across lists beats one list’s first place, and each list is recorded for --explain', () => {
  const fused = fuseRankings(
    [
      {
        retriever: 'bm25',
        weight: 1,
        hits: [
          { id: 'a', score: 9 },
          { id: 'b', score: 5 },
        ],
      },
      {
        retriever: 'typo',
        weight: 1,
        hits: [
          { id: 'b', score: 3 },
          { id: 'c', score: 2 },
        ],
      },
      {
        retriever: 'vector',
        weight: 0.5,
        hits: [
          { id: 'c', score: 0.9 },
          { id: 'b', score: 0.8 },
        ],
      },
    ],
    { k: 60 },
  );
  assert.deepEqual(
    fused.map((c) => c.id),
    ['b', 'c', 'a'],
  );
  const b = fused[0]!;
  assert.deepEqual(b.lists.bm25, { rank: 2, score: 5, contribution: 1 / 62 });
  assert.equal(b.lists.vector?.contribution, 0.5 / 62);
  assert.ok(Math.abs(b.fused - (1 / 62 + 1 / 61 + 0.5 / 62)) < 1e-12);
  assert.equal(maxFusedScore([{ weight: 1 }, { weight: 0.5 }]), 1.5 / 61);
});

test('ties break on the best single rank, then on first appearance; a duplicate id counts once', () => {
  const fused = fuseRankings([
    {
      retriever: 'bm25',
      weight: 1,
      hits: [
        { id: 'x', score: 1 },
        { id: 'y', score: 1 },
        { id: 'x', score: 1 },
      ],
    },
    {
      retriever: 'typo',
      weight: 1,
      hits: [
        { id: 'y', score: 1 },
        { id: 'x', score: 1 },
      ],
    },
  ]);
  assert.deepEqual(
    fused.map((c) => c.id),
    ['x', 'y'],
  );
  assert.equal(fused[0]!.fused, fused[1]!.fused);
});
