import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ESTATE, PROD_POSTGRES, resource } from '../testing/resources.testing.ts';
import { evaluate, toPredicate } from './evaluate.ts';
import { parseFilter } from './parser.ts';

/** The names of the estate's resources a filter selects. */
const names = (filter: string): string[] =>
  ESTATE.filter(toPredicate(parseFilter(filter))).map((r) => r.name);

describe('evaluate on resources', () => {
  it('finds the three production Postgres databases across clouds', () => {
    assert.deepEqual(names('env=production type:database engine:postgresql'), [
      'payments-db',
      'orders-pg',
      'catalog-sql',
    ]);
    assert.deepEqual(names('env=prd engine=POSTGRES_15 cloud:google'), ['catalog-sql']);
  });

  it('matches the issue examples', () => {
    assert.deepEqual(names('env=prod AND team=payments'), ['payments-db']);
    assert.deepEqual(names('cloud:aws type:database region:us-east-1'), ['payments-db']);
    assert.deepEqual(names('state:running'), ['payments-db', 'orders-pg', 'web-frontend-01']);
    assert.deepEqual(names('NOT tag:owner'), ['orders-pg', 'catalog-sql', 'web-frontend-01', 'vol-0orphan']);
    assert.deepEqual(names('cost>100'), ['payments-db', 'orders-pg']);
    assert.deepEqual(names('size>=500'), ['vol-0orphan']);
  });

  it('matches tag keys and values in any casing', () => {
    assert.deepEqual(names('tag:team=ORDERS'), ['orders-pg']);
    assert.deepEqual(names('team=orders'), ['orders-pg']);
    assert.deepEqual(names('tag:environment'), ['payments-db']);
    assert.deepEqual(names('tag:"cost center"=marketing'), ['shop-assets']);
    assert.deepEqual(names('tag:team!=payments type:database'), ['orders-pg', 'catalog-sql']);
  });

  it('falls back from a missing tag to the attribute of that name', () => {
    assert.deepEqual(names('encrypted=false'), ['vol-0orphan']);
    assert.deepEqual(names('attributes.versioning=disabled'), ['shop-assets']);
  });

  it('places regions by name and group', () => {
    assert.deepEqual(names('region:frankfurt'), ['orders-pg', 'catalog-sql', 'vol-0orphan']);
    assert.deepEqual(names('region:"Europe regions" type:database'), ['orders-pg', 'catalog-sql']);
    assert.deepEqual(names('region:us'), ['payments-db', 'web-frontend-01', 'shop-assets']);
    assert.deepEqual(names('region:eu-*'), ['vol-0orphan']);
    assert.deepEqual(names('zone:europe-west3-a'), ['catalog-sql']);
  });

  it('evaluates OR, NOT and precedence', () => {
    // AND binds tighter: every Azure resource, and GCP databases only (not the GCP bucket).
    assert.deepEqual(names('cloud:azure OR cloud:gcp type:database'), ['orders-pg', 'catalog-sql']);
    assert.deepEqual(names('cloud:gcp OR cloud:azure type:bucket'), ['catalog-sql', 'shop-assets']);
    assert.deepEqual(names('(cloud:azure OR cloud:gcp) type:database'), ['orders-pg', 'catalog-sql']);
    assert.deepEqual(names('type:database -cloud:aws'), ['orders-pg', 'catalog-sql']);
    assert.deepEqual(names('NOT (type:database OR type:vm)'), ['vol-0orphan', 'shop-assets']);
  });

  it('tests attribute flags', () => {
    assert.deepEqual(names('is:public'), ['orders-pg', 'web-frontend-01', 'shop-assets']);
    assert.deepEqual(names('is:unencrypted'), ['vol-0orphan']);
    assert.deepEqual(names('is:unattached'), ['vol-0orphan']);
    assert.deepEqual(names('is:private type:database'), ['payments-db', 'catalog-sql']);
    assert.deepEqual(names('is:untagged'), ['orders-pg', 'catalog-sql', 'web-frontend-01', 'vol-0orphan']);
  });

  it('compares numbers, dates, substrings and globs', () => {
    assert.deepEqual(names('cost<=7.5'), ['web-frontend-01']);
    assert.deepEqual(names('created<2024-01-01'), ['payments-db']);
    assert.deepEqual(names('created>=2024-01-01'), ['orders-pg']);
    assert.deepEqual(names('name~FRONT'), ['web-frontend-01']);
    assert.deepEqual(names('name:*-db'), ['payments-db']);
    assert.deepEqual(names('storageGiB>100'), ['payments-db']);
  });

  it('treats a missing field as matching no = and every !=', () => {
    const bare = resource({ id: 'bare' });
    assert.equal(evaluate(parseFilter('env=prod'), bare), false);
    assert.equal(evaluate(parseFilter('env!=prod'), bare), true);
    assert.equal(evaluate(parseFilter('cost>0'), bare), false);
    assert.equal(evaluate(parseFilter('cost<1'), bare), false);
    assert.equal(evaluate(parseFilter('tag:owner'), bare), false);
  });

  it('reads numeric strings and array attributes', () => {
    const r = resource({ id: 'r', attributes: { replicas: '3', zones: ['a', 'b'], nested: { depth: 2 } } });
    assert.equal(evaluate(parseFilter('replicas>2'), r), true);
    assert.equal(evaluate(parseFilter('attributes.zones=b'), r), true);
    assert.equal(evaluate(parseFilter('attributes.nested.depth=2'), r), true);
  });

  it('matches bare text in names, ids and tag values', () => {
    assert.deepEqual(names('payments'), ['payments-db']);
    assert.deepEqual(names('marketing'), ['shop-assets']);
    assert.equal(PROD_POSTGRES.filter(toPredicate(parseFilter('sqladmin'))).length, 1);
  });

  it('matches everything with an empty filter', () => {
    assert.equal(names('').length, ESTATE.length);
  });
});
