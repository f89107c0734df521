import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCorrector } from './corrector.ts';

describe('vocabulary corrector', () => {
  const corrector = createCorrector({ words: ['payments', 'orders', 'catalog', 'checkout'] });
  const fixed = (word: string) => corrector.correct(word)?.to;

  it('corrects typos of ontology words', () => {
    const cases: [string, string][] = [
      ['postgress', 'postgres'],
      ['postgrse', 'postgres'],
      ['prodution', 'production'],
      ['databse', 'database'],
      ['datbase', 'database'],
      ['kubernets', 'kubernetes'],
      ['frankfrut', 'frankfurt'],
      ['virgina', 'virginia'],
      ['stagin', 'staging'],
      ['stoped', 'stopped'],
      ['runing', 'running'],
      ['bucekt', 'bucket'],
      ['lamda', 'lambda'],
      ['unencryted', 'unencrypted'],
    ];
    for (const [typo, word] of cases) assert.equal(fixed(typo), word, typo);
  });

  it('corrects typos of estate words it was given', () => {
    assert.equal(fixed('paymnets'), 'payments');
    assert.equal(fixed('chekout'), 'checkout');
  });

  it('never corrects a real word into something else', () => {
    const real = [
      'prod',
      'postgres',
      'pg',
      'eks',
      'aks',
      'gke',
      'db',
      'dbs',
      'databases',
      'payments',
      'orders',
      'staging',
      'frankfurt',
      'virginia',
      'running',
      'us-east-1',
      'westus2',
      'the',
      'with',
    ];
    for (const word of real) assert.equal(corrector.correct(word), undefined, word);
  });

  it('leaves alone words it cannot place rather than guessing', () => {
    for (const word of ['logs', 'mongo', 'redis', 'owner', 'queue', 'xyzzy', '1234', 'api', 'a1b2c3d4']) {
      assert.equal(corrector.correct(word), undefined, word);
    }
  });

  it('reports known words, plural forms included', () => {
    assert.equal(corrector.isKnown('Databases'), true);
    assert.equal(corrector.isKnown('payments'), true);
    assert.equal(corrector.isKnown('paymnets'), false);
  });

  it('can run on a vocabulary of its own only', () => {
    const own = createCorrector({ ontology: false, words: ['alpha', 'bravo'] });
    assert.equal(own.correct('alpah')?.to, 'alpha');
    assert.equal(own.correct('postgress'), undefined);
  });
});
