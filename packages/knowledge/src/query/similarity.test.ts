import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  closestWord,
  damerauLevenshtein,
  maxTypoDistance,
  trigramSimilarity,
  trigrams,
} from './similarity.ts';

describe('similarity', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions as one edit', () => {
    assert.equal(damerauLevenshtein('postgres', 'postgres'), 0);
    assert.equal(damerauLevenshtein('postgress', 'postgres'), 1);
    assert.equal(damerauLevenshtein('databse', 'database'), 1);
    assert.equal(damerauLevenshtein('frankfrut', 'frankfurt'), 1);
    assert.equal(damerauLevenshtein('prod', 'prd'), 1);
    assert.equal(damerauLevenshtein('kitten', 'sitting'), 3);
    assert.equal(damerauLevenshtein('', 'abc'), 3);
    assert.equal(damerauLevenshtein('ca', 'abc'), 3);
  });

  it('stops early past the limit', () => {
    assert.equal(damerauLevenshtein('production', 'orchestrate', 2), 3);
    assert.equal(damerauLevenshtein('a', 'abcdef', 2), 3);
  });

  it('scores trigram overlap like pg_trgm', () => {
    assert.deepEqual([...trigrams('db')], ['  d', ' db', 'db ']);
    assert.equal(trigramSimilarity('postgres', 'postgres'), 1);
    assert.ok(trigramSimilarity('postgress', 'postgres') > 0.6);
    assert.ok(trigramSimilarity('postgres', 'frankfurt') < 0.1);
  });

  it('allows more typos in longer words', () => {
    assert.deepEqual([3, 4, 5, 6, 12].map(maxTypoDistance), [0, 1, 1, 2, 2]);
  });

  it('picks the closest candidate within budget', () => {
    assert.equal(closestWord('databse', ['database', 'datastore', 'bucket']), 'database');
    assert.equal(closestWord('amzon', ['aws', 'amazon', 'azure']), 'amazon');
    assert.equal(closestWord('zzz', ['aws']), undefined);
  });
});
