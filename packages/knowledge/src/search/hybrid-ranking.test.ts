import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Cloud, Resource } from '@escher/protocol';
import { parseFilter } from '../filter/parser.ts';
import { rankResults } from './hybrid-ranking.ts';
import { fuseRankings } from './rank-fusion.ts';

const resource = (id: string, cloud: Cloud, engine = 'postgres'): Resource => ({
  id,
  nativeId: id,
  cloud,
  account: 'a',
  region: 'r',
  type: 'database.instance',
  nativeType: 'n',
  name: id,
  tags: {},
  attributes: { engine },
  relationships: [],
});

test('near-ties interleave clouds, boosts lift what they match, scores stay in (0, 1] and descend', () => {
  const resources = new Map(
    [
      resource('aws-1', 'aws'),
      resource('aws-2', 'aws'),
      resource('aws-3', 'aws', 'mysql'),
      resource('gcp-1', 'gcp'),
    ].map((r) => [r.id, r]),
  );
  const lists = [
    {
      retriever: 'bm25' as const,
      weight: 1,
      hits: ['aws-3', 'aws-1', 'aws-2', 'gcp-1'].map((id) => ({ id, score: 1 })),
    },
  ];
  const ranked = rankResults({
    fused: fuseRankings(lists),
    filterMatches: [],
    resources,
    lists,
    k: 60,
    boosts: [{ expr: parseFilter('engine=postgres'), negated: false, source: 'postgres' }],
    filters: [],
  });
  // mysql loses the boost; gcp-1 rises past aws-2 on diversity (a near-tie, 2 % per aws above).
  assert.deepEqual(
    ranked.map((r) => r.id),
    ['aws-1', 'gcp-1', 'aws-2', 'aws-3'],
  );
  assert.ok(
    ranked.every((r, i) => r.score > 0 && r.score <= 1 && (i === 0 || r.score <= ranked[i - 1]!.score)),
  );
  assert.equal(ranked[2]!.explanation.sameCloudAbove, 1);
  assert.equal(ranked[0]!.explanation.boosts[0]?.from, 'postgres');
});

test('a query of filters only ranks every match as fully relevant, by boosts then name', () => {
  const resources = [resource('b', 'aws', 'mysql'), resource('c', 'aws'), resource('a', 'aws', 'mysql')];
  const ranked = rankResults({
    fused: [],
    filterMatches: resources.map((r) => ({ id: r.id, resource: r })),
    resources: new Map(),
    lists: [],
    k: 60,
    boosts: [{ expr: parseFilter('engine=postgres'), negated: false, source: 'postgres' }],
    filters: [],
  });
  assert.deepEqual(
    ranked.map((r) => r.id),
    ['c', 'a', 'b'],
  );
  assert.equal(ranked[0]!.score, 1);
  assert.ok(ranked.every((r) => r.explanation.filterOnly));
});
