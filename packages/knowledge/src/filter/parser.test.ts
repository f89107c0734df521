import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '@escher/protocol';
import { formatFilter } from './format.ts';
import { parseFilter } from './parser.ts';
import type { FilterExpr } from './filter.types.ts';

/** The canonical form: synonyms resolved, precedence made explicit. */
const canon = (input: string): string => formatFilter(parseFilter(input));

function compareOf(expr: FilterExpr): Extract<FilterExpr, { kind: 'compare' }> {
  assert.equal(expr.kind, 'compare');
  return expr as Extract<FilterExpr, { kind: 'compare' }>;
}

describe('filter parser: constructs', () => {
  it('reads = : == and spaced operators as the same equality', () => {
    for (const input of ['env=prod', 'env:prod', 'env==prod', 'env = prod', 'environment=prod', 'ENV=PROD']) {
      assert.equal(canon(input), 'env=prod', input);
    }
  });

  it('joins juxtaposed terms with AND, and accepts AND / and / &&', () => {
    assert.equal(
      canon('cloud:aws type:database region:us-east-1'),
      'cloud=aws AND type=database.instance AND region=us-east-1',
    );
    for (const input of [
      'env=prod AND team=payments',
      'env=prod and team=payments',
      'env=prod && team=payments',
    ]) {
      assert.equal(canon(input), 'env=prod AND team=payments', input);
    }
  });

  it('accepts OR / or / || and parentheses', () => {
    assert.equal(canon('cloud:aws OR cloud:gcp'), 'cloud=aws OR cloud=gcp');
    assert.equal(canon('cloud:aws || cloud:gcp'), 'cloud=aws OR cloud=gcp');
    assert.equal(canon('(cloud:aws or cloud:gcp) env=prod'), '(cloud=aws OR cloud=gcp) AND env=prod');
  });

  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    assert.equal(canon('a OR b AND c'), 'a OR b AND c');
    const or = parseFilter('a OR b AND c');
    assert.equal(or.kind, 'or');
    assert.equal((or as { children: FilterExpr[] }).children[1]!.kind, 'and');
    assert.equal(canon('a b OR c'), 'a AND b OR c');
    assert.equal(parseFilter('a b OR c').kind, 'or');
    const and = parseFilter('NOT a AND b');
    assert.equal(and.kind, 'and');
    assert.equal(canon('NOT (a OR b)'), 'NOT (a OR b)');
    assert.equal(canon('NOT NOT a'), 'NOT NOT a');
  });

  it('reads NOT, not, - and ! as negation', () => {
    for (const input of ['NOT tag:owner', 'not tag:owner', '-tag:owner', '!tag:owner']) {
      assert.equal(canon(input), 'NOT tag:owner', input);
    }
  });

  it('tests tag existence and tag values', () => {
    assert.deepEqual(parseFilter('tag:owner'), {
      kind: 'exists',
      field: { kind: 'tag', key: 'owner' },
      column: 1,
    });
    assert.equal(canon('tag:owner=*'), 'tag:owner');
    assert.equal(canon('tag=owner'), 'tag:owner');
    assert.equal(canon('labels:owner'), 'tag:owner');
    assert.equal(canon('tag:team=payments'), 'tag:team=payments');
    assert.equal(canon('tag.team=payments'), 'tag:team=payments');
    assert.equal(canon('tag:team!=payments'), 'tag:team!=payments');
    assert.equal(canon('tag:"cost center"=marketing'), 'tag:"cost center"=marketing');
    assert.equal(canon('tag:"cost center"'), 'tag:"cost center"');
  });

  it('reads an unknown field as a key (tag, else attribute)', () => {
    const expr = compareOf(parseFilter('team=payments'));
    assert.deepEqual(expr.field, { kind: 'key', key: 'team' });
    assert.deepEqual(parseFilter('owner=*'), {
      kind: 'exists',
      field: { kind: 'key', key: 'owner' },
      column: 1,
    });
  });

  it('parses ordering comparisons on numbers and dates', () => {
    assert.equal(compareOf(parseFilter('cost>100')).number, 100);
    assert.deepEqual(compareOf(parseFilter('cost>100')).field, { kind: 'core', name: 'cost' });
    assert.equal(compareOf(parseFilter('cost > $99.5')).number, 99.5);
    assert.equal(compareOf(parseFilter('size>=500')).op, '>=');
    assert.deepEqual(compareOf(parseFilter('size>=500')).field, { kind: 'attribute', path: 'size' });
    assert.deepEqual(compareOf(parseFilter('attributes.x<3')).field, { kind: 'attribute', path: 'x' });
    assert.equal(compareOf(parseFilter('attr.storageGiB<=-1')).number, -1);
    assert.equal(compareOf(parseFilter('created<2024-01-01')).number, Date.parse('2024-01-01'));
  });

  it('keeps quoted values whole, with escapes', () => {
    assert.equal(compareOf(parseFilter('name="payments api"')).value, 'payments api');
    assert.equal(compareOf(parseFilter("name='it\\'s'")).value, "it's");
    assert.equal(compareOf(parseFilter('name="a AND b"')).value, 'a AND b');
    assert.deepEqual(parseFilter('"payments api"'), { kind: 'text', text: 'payments api', column: 1 });
  });

  it('keeps operator characters inside values', () => {
    const arn = 'arn:aws:ec2:us-east-1:123456789012:instance/i-1';
    assert.equal(compareOf(parseFilter(`id=${arn}`)).value, arn);
    assert.equal(compareOf(parseFilter('tag:expr=a=b')).value, 'a=b');
    assert.equal(compareOf(parseFilter('name=and')).value, 'and');
  });

  it('resolves type words and prefixes through the ontology', () => {
    assert.deepEqual(compareOf(parseFilter('type:database')).values, ['database.instance']);
    assert.deepEqual(compareOf(parseFilter('type:network')).values.length, 5);
    assert.deepEqual(compareOf(parseFilter('type:vm')).values, ['compute.instance']);
    assert.deepEqual(compareOf(parseFilter('type:RDS')).values, ['database.instance']);
    assert.deepEqual(compareOf(parseFilter('type:AWS::EC2::Instance')).values, ['compute.instance']);
    assert.deepEqual(compareOf(parseFilter('type:"Cloud SQL"')).values, ['database.instance']);
    assert.deepEqual(compareOf(parseFilter('type:iam')).values, ['iam.user', 'iam.role']);
  });

  it('resolves env, region, cloud, state and engine synonyms', () => {
    assert.deepEqual(compareOf(parseFilter('env=production')).values, ['prod']);
    assert.deepEqual(compareOf(parseFilter('env:uat')).values, ['test']);
    assert.deepEqual(compareOf(parseFilter('region:frankfurt')).values, [
      'eu-central-1',
      'europe-west3',
      'germanywestcentral',
    ]);
    assert.deepEqual(compareOf(parseFilter('region:"West US 2"')).values, ['westus2']);
    assert.deepEqual(compareOf(parseFilter('region:"N. Virginia"')).values, ['us-east-1', 'us-east4']);
    assert.ok(compareOf(parseFilter('region:"europe regions"')).values.includes('westeurope'));
    assert.deepEqual(compareOf(parseFilter('region:mars-north-1')).values, ['mars-north-1']);
    assert.deepEqual(compareOf(parseFilter('cloud:amazon')).values, ['aws']);
    assert.deepEqual(compareOf(parseFilter('cloud:"google cloud"')).values, ['gcp']);
    assert.deepEqual(compareOf(parseFilter('state:up')).values, ['running']);
    assert.deepEqual(compareOf(parseFilter('status:off')).values, ['stopped']);
    assert.deepEqual(compareOf(parseFilter('engine:postgresql')).values, ['postgres']);
    assert.deepEqual(compareOf(parseFilter('engine:POSTGRES_15')).values, ['postgres']);
  });

  it('reads is:FLAG with flag synonyms', () => {
    assert.deepEqual(parseFilter('is:public'), { kind: 'flag', flag: 'public', column: 1 });
    assert.deepEqual(parseFilter('is:exposed'), { kind: 'flag', flag: 'public', column: 1 });
    assert.equal(canon('is!=encrypted'), 'NOT is:encrypted');
    assert.equal(canon('has:unattached'), 'is:unattached');
  });

  it('supports globs, substring matches and inequality', () => {
    const glob = compareOf(parseFilter('name:web-*'));
    assert.equal(glob.glob, true);
    assert.deepEqual(glob.values, ['web-*']);
    assert.equal(compareOf(parseFilter('region:eu-*')).glob, true);
    assert.equal(compareOf(parseFilter('name~pay')).op, '~');
    assert.equal(compareOf(parseFilter('cloud!=aws')).op, '!=');
  });

  it('reads bare words as text, and an empty filter as match-all', () => {
    assert.deepEqual(parseFilter('payments'), { kind: 'text', text: 'payments', column: 1 });
    assert.deepEqual(parseFilter('   '), { kind: 'and', children: [] });
    assert.equal(compareOf(parseFilter('  env=prod')).column, 3);
  });
});

describe('filter parser: errors name the column and what was expected', () => {
  const cases: [input: string, message: string][] = [
    ['env=', "Expected a value after '=' at column 5"],
    ['env=prod AND team=', "Expected a value after '=' at column 19"],
    ['env= AND x', "Expected a value after '=' at column 6, found AND"],
    ['env=)', "Expected a value after '=' at column 5, found ')'"],
    ['cost>', "Expected a value after '>' at column 6"],
    ['env=prod AND', 'Expected a filter after AND at column 13'],
    ['env=prod OR', 'Expected a filter after OR at column 12'],
    ['env=prod OR )', "Expected a filter after OR at column 13, found ')'"],
    ['NOT', 'Expected a filter after NOT at column 4'],
    ['NOT )', "Expected a filter after NOT at column 5, found ')'"],
    ['AND x', 'Expected a filter at column 1, found AND'],
    ['x OR OR y', 'Expected a filter after OR at column 6, found OR'],
    ['(env=prod', "Expected ')' at column 10 to close the '(' at column 1"],
    ['(a (b)', "Expected ')' at column 7 to close the '(' at column 1"],
    ['()', "Expected a filter after '(' at column 2, found ')'"],
    ['env=prod)', "Unexpected ')' at column 9"],
    ['=prod', "Expected a field name before '=' at column 1"],
    ['env=prod >3', "Expected a field name before '>' at column 10"],
    ['"abc', 'Expected a closing " for the quoted value that starts at column 1'],
    ["name='abc", "Expected a closing ' for the quoted value that starts at column 6"],
    ['tag:', "Expected a tag key after 'tag:' at column 5"],
    ['tag:(x)', "Expected a tag key after 'tag:' at column 5"],
    ['tag~owner', "Expected ':' after 'tag' at column 4, found '~'"],
    ['is>public', "Expected ':' after 'is' at column 3, found '>'"],
    ['cost>abc', "Expected a number after '>' at column 6, found 'abc'"],
    ['created<yesterday', "Expected a date like 2024-01-31 after '<' at column 9, found 'yesterday'"],
    ['type>3', "Cannot order type with '>' at column 6"],
    ['cloud:amzon', "Unknown cloud 'amzon' at column 7"],
    ['type:databse', "Unknown type 'databse' at column 6"],
    ['env:prodd', "Unknown environment 'prodd' at column 5"],
    ['is:shiny', "Unknown flag 'shiny' at column 4"],
  ];
  for (const [input, message] of cases) {
    it(`${input} → ${message}`, () => {
      assert.throws(
        () => parseFilter(input),
        (error: unknown) => {
          assert.ok(error instanceof UserError);
          assert.equal(error.code, 'invalid-filter');
          assert.equal(error.message, message);
          assert.ok(error.hint);
          return true;
        },
      );
    });
  }

  it('suggests the word the user probably meant', () => {
    assert.throws(
      () => parseFilter('type:databse'),
      (e: UserError) => /Did you mean 'database'/.test(e.hint ?? ''),
    );
    assert.throws(
      () => parseFilter('env:prodution'),
      (e: UserError) => /Did you mean 'production'/.test(e.hint ?? ''),
    );
    assert.throws(
      () => parseFilter('cloud:gpc'),
      (e: UserError) => /Expected aws, azure or gcp/.test(e.hint ?? ''),
    );
  });
});
