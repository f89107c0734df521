import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ndcgAt, recallAt, reciprocalRank, summariseRelevance } from './relevance-metrics.ts';

const judged = new Map([
  ['a', 2],
  ['b', 1],
  ['c', 1],
]);

test('recall@k is capped at k relevant, MRR counts the first relevant within the cutoff', () => {
  assert.equal(recallAt(['x', 'a', 'b'], judged, 5), 2 / 3);
  assert.equal(
    recallAt(['a', 'b'], new Map([...judged, ...[1, 2, 3, 4, 5].map((i) => [`r${i}`, 1] as const)]), 2),
    1,
  );
  assert.equal(reciprocalRank(['x', 'y', 'b'], judged), 1 / 3);
  assert.equal(reciprocalRank(['x', 'y', 'b'], judged, 2), 0);
});

test('nDCG is 1 for the ideal order and lower when the highly relevant comes late', () => {
  assert.equal(ndcgAt(['a', 'b', 'c'], judged, 10), 1);
  const late = ndcgAt(['b', 'c', 'a'], judged, 10);
  assert.ok(late < 1 && late > 0.5);
  assert.equal(ndcgAt(['x'], judged, 10), 0);
  const summary = summariseRelevance([
    { ranked: ['a'], judgements: judged },
    { ranked: ['x'], judgements: judged },
  ]);
  assert.equal(summary.queries, 2);
  assert.equal(summary.mrr, 0.5);
});
