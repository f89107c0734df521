import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ESTATE } from '../testing/resources.testing.ts';
import { evaluate } from './evaluate.ts';
import { formatFilter } from './format.ts';
import { parseFilter } from './parser.ts';
import { pushdown, type PushdownConstraints } from './pushdown.ts';

/** What a store would do with the constraints: keep rows whose columns are in every list. */
function prefilter(constraints: PushdownConstraints) {
  return ESTATE.filter((r) =>
    Object.entries(constraints).every(([field, values]) =>
      (values as string[]).includes(String(r[field as keyof typeof r] ?? '')),
    ),
  );
}

describe('pushdown', () => {
  it('pulls resolved equality lists out of top-level ANDs', () => {
    assert.deepEqual(
      pushdown(parseFilter('cloud:aws type:database region:frankfurt env=production state:up cost>10')),
      {
        cloud: ['aws'],
        type: ['database.instance'],
        region: ['eu-central-1', 'europe-west3', 'germanywestcentral'],
        environment: ['prod'],
        state: ['running'],
      },
    );
  });

  it('unions an OR on one field and intersects repeated fields', () => {
    assert.deepEqual(pushdown(parseFilter('(cloud:aws OR cloud:gcp) type:database')), {
      cloud: ['aws', 'gcp'],
      type: ['database.instance'],
    });
    assert.deepEqual(pushdown(parseFilter('region:frankfurt region:europe-west3')), {
      region: ['europe-west3'],
    });
  });

  it('leaves out what it cannot push down safely', () => {
    for (const filter of [
      'NOT cloud:aws',
      'cloud!=aws',
      'cloud:aws OR type:database',
      'region:eu-*',
      'tag:team=payments',
      'account=123456789012',
      'payments',
      'is:public',
      'NOT (cloud:aws type:vm)',
    ]) {
      assert.deepEqual(pushdown(parseFilter(filter)), {}, filter);
    }
  });

  it('never loses a resource the full filter matches', () => {
    for (const filter of [
      'cloud:aws type:database',
      '(cloud:azure OR cloud:gcp) env=prod is:public',
      'region:frankfurt type:database OR cloud:aws',
      'env=production type:db NOT tag:owner',
      'state:running cost>5',
    ]) {
      const expr = parseFilter(filter);
      const full = ESTATE.filter((r) => evaluate(expr, r));
      const staged = prefilter(pushdown(expr)).filter((r) => evaluate(expr, r));
      assert.deepEqual(staged, full, filter);
    }
  });
});

describe('formatFilter', () => {
  it('writes resolved filters back readably', () => {
    assert.equal(
      formatFilter(parseFilter('env=production region:frankfurt')),
      'env=prod AND region=(eu-central-1 OR europe-west3 OR germanywestcentral)',
    );
    assert.equal(formatFilter(parseFilter('')), '*');
    assert.equal(formatFilter(parseFilter('name="a b" OR -is:public')), 'name="a b" OR NOT is:public');
    assert.equal(formatFilter(parseFilter('NOT (a b)')), 'NOT (a AND b)');
  });

  it('re-parses to the same meaning', () => {
    for (const filter of [
      'env=prod AND team=payments',
      'cloud:aws OR NOT tag:owner',
      'cost>100 size>=500',
      'tag:"cost center"=x',
    ]) {
      const once = formatFilter(parseFilter(filter));
      assert.equal(formatFilter(parseFilter(once)), once, filter);
    }
  });
});
