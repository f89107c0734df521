import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, splitIdentifier } from './analyze.ts';
import { phraseKey, phraseWords, singular } from './phrase.ts';

describe('text', () => {
  it('splits identifiers on separators and case changes', () => {
    assert.deepEqual(splitIdentifier('orders_DB-prod.01'), ['orders', 'db', 'prod', '01']);
    assert.deepEqual(splitIdentifier('paymentsApiProd'), ['payments', 'api', 'prod']);
    assert.deepEqual(splitIdentifier('HTTPServer/v2'), ['http', 'server', 'v2']);
    assert.deepEqual(splitIdentifier('Zürich'), ['zurich']);
  });

  it('analyses text the same way for documents and queries', () => {
    assert.deepEqual(analyze('Prod Databases in us-east-1'), ['prod', 'database', 'in', 'us', 'east', '1']);
    assert.deepEqual(analyze('postgres kubernetes status'), ['postgres', 'kubernetes', 'status']);
  });

  it('folds plurals conservatively', () => {
    const cases: [string, string][] = [
      ['databases', 'database'],
      ['policies', 'policy'],
      ['addresses', 'address'],
      ['boxes', 'box'],
      ['dbs', 'db'],
      ['vms', 'vm'],
      ['aws', 'aws'],
      ['status', 'status'],
      ['postgres', 'postgres'],
      ['redis', 'redis'],
      ['access', 'access'],
    ];
    for (const [plural, one] of cases) assert.equal(singular(plural), one, plural);
  });

  it('normalises phrases for lexicon keys', () => {
    assert.deepEqual(phraseWords('US East (N. Virginia)'), ['us', 'east', 'n', 'virginia']);
    assert.equal(phraseKey('  São   Paulo '), 'sao paulo');
    assert.equal(phraseKey('AWS::EC2::Instance'), 'aws::ec2::instance');
    assert.equal(phraseKey('t3.micro,'), 't3.micro');
  });
});
