import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../filter/evaluate.ts';
import { formatFilter } from '../filter/format.ts';
import { ESTATE } from '../testing/resources.testing.ts';
import { createCorrector } from './corrector.ts';
import { matchConcepts } from './match-concepts.ts';
import { understandQuery } from './understand-query.ts';

const corrector = createCorrector({ words: ['payments', 'orders', 'catalog', 'frontend'] });
const understand = (query: string) => understandQuery(query, { corrector });
const filterOf = (query: string) => formatFilter(understand(query).filter);
const boostsOf = (query: string) => understand(query).boosts.map((b) => formatFilter(b.expr));
const matches = (query: string) =>
  ESTATE.filter((r) => evaluate(understand(query).filter, r)).map((r) => r.name);

describe('query understanding', () => {
  it('reads "Production postgres database" as prod databases favouring postgres', () => {
    const q = understand('Production postgres database');
    assert.equal(formatFilter(q.filter), 'env=prod AND type=database.instance');
    assert.deepEqual(boostsOf('Production postgres database'), ['engine=postgres']);
    assert.deepEqual(q.terms, ['postgres']);
    assert.deepEqual(matches('Production postgres database'), ['payments-db', 'orders-pg', 'catalog-sql']);
  });

  it('understands the same typed as "postgress prod db"', () => {
    const q = understand('postgress prod db');
    assert.equal(formatFilter(q.filter), 'env=prod AND type=database.instance');
    assert.deepEqual(boostsOf('postgress prod db'), ['engine=postgres']);
    assert.deepEqual(q.corrections, [{ from: 'postgress', to: 'postgres', distance: 1 }]);
  });

  it('turns clouds, regions, states and attributes in prose into filters', () => {
    assert.equal(filterOf('databases in azure'), 'type=database.instance AND cloud=azure');
    assert.equal(filterOf('vms in us-east-1'), 'type=compute.instance AND region=us-east-1');
    assert.equal(
      filterOf('stopped vms in Frankfurt'),
      'state=stopped AND type=compute.instance AND region=(eu-central-1 OR europe-west3 OR germanywestcentral)',
    );
    assert.equal(filterOf('public buckets'), 'is:public AND type=storage.bucket');
    assert.equal(filterOf('unencrypted disks'), 'is:unencrypted AND type=compute.volume');
    assert.equal(filterOf('internet-facing load balancers'), 'is:public AND type=network.loadbalancer');
    assert.equal(filterOf('West US 2 vms'), 'region=westus2 AND type=compute.instance');
    assert.equal(filterOf('N. Virginia'), 'region=(us-east-1 OR us-east4)');
    assert.equal(filterOf('us-east-1a volumes'), 'zone=us-east-1a AND type=compute.volume');
  });

  it('ORs concepts of one kind and ANDs different kinds', () => {
    assert.equal(filterOf('aws or azure buckets'), 'cloud=(aws OR azure) AND type=storage.bucket');
    assert.equal(filterOf('vms and disks'), 'type=(compute.instance OR compute.volume)');
  });

  it('keeps weak words as boosts and search terms', () => {
    const q = understand('payments server');
    assert.equal(formatFilter(q.filter), '*');
    assert.deepEqual(boostsOf('payments server'), ['type=compute.instance']);
    assert.deepEqual(q.terms, ['payments', 'server']);
    assert.deepEqual(boostsOf('rds'), ['cloud=aws']);
    assert.equal(filterOf('rds'), 'type=database.instance');
    assert.equal(filterOf('Cloud SQL instances'), 'type=database.instance');
    // "Cloud SQL instance" is one service name: "instances" is not read as VMs.
    assert.deepEqual(boostsOf('Cloud SQL instances'), ['cloud=gcp']);
  });

  it('negates with not, non-, without, except', () => {
    assert.equal(filterOf('non-prod k8s clusters'), 'NOT env=prod AND type=container.cluster');
    assert.equal(filterOf('nonprod databases'), 'NOT env=prod AND type=database.instance');
    assert.equal(filterOf('databases not in azure'), 'type=database.instance AND NOT cloud=azure');
    assert.equal(filterOf('databases except aws'), 'type=database.instance AND NOT cloud=aws');
    assert.equal(filterOf('not postgres databases'), 'NOT engine=postgres AND type=database.instance');
    assert.equal(filterOf('buckets not public'), 'type=storage.bucket AND is:private');
    assert.deepEqual(matches('databases not in azure'), ['payments-db', 'catalog-sql']);
  });

  it('reads tag mentions', () => {
    assert.equal(filterOf('without owner tag'), 'NOT tag:owner');
    assert.equal(filterOf('databases missing tag owner'), 'type=database.instance AND NOT tag:owner');
    assert.equal(filterOf('resources with an owner tag'), 'tag:owner');
    assert.deepEqual(matches('databases without owner tag'), ['orders-pg', 'catalog-sql']);
    assert.equal(filterOf('untagged volumes'), 'is:untagged AND type=compute.volume');
  });

  it('keeps filter syntax written inside prose', () => {
    assert.equal(filterOf('team=payments databases'), 'team=payments AND type=database.instance');
    assert.equal(filterOf('prod cost>100'), 'env=prod AND cost>100');
    assert.deepEqual(matches('prod cost>100'), ['payments-db', 'orders-pg']);
    assert.equal(filterOf('region:frankfurt'), 'region=(eu-central-1 OR europe-west3 OR germanywestcentral)');
    assert.equal(filterOf('cost > 100 team = payments'), 'cost>100 AND team=payments');
    assert.equal(filterOf('AWS::EC2::Instance'), 'type=compute.instance AND cloud=aws');
  });

  it('reads broken filter syntax as words, and says why', () => {
    const q = understand('type:databse');
    assert.equal(formatFilter(q.filter), 'type=database.instance');
    assert.deepEqual(q.terms, ['type']);
    assert.equal(q.warnings.length, 1);
    assert.match(q.warnings[0]!, /Unknown type 'databse'.*Did you mean 'database'/);
    assert.deepEqual(understand('http://example.com/x').warnings, []);
    assert.deepEqual(understand('- / 🚀 payments').terms, ['payments']);
  });

  it('does not read everyday words as places or states, unless shouted', () => {
    const q = understand('show us the servers that are on');
    assert.equal(formatFilter(q.filter), '*');
    assert.deepEqual(q.terms, ['servers']);
    assert.ok(filterOf('instances in the US').startsWith('region=('));
    assert.ok(filterOf('instances in the US').includes('us-east-1'));
  });

  it('searches quoted phrases as they are', () => {
    const q = understand('"prod payments" database');
    assert.deepEqual(q.terms, ['prod', 'payments']);
    assert.equal(formatFilter(q.filter), 'type=database.instance');
  });

  it('corrects only words it does not know', () => {
    const q = understand('paymnets databse in frankfrut');
    assert.deepEqual(
      q.corrections.map((c) => c.to),
      ['payments', 'database', 'frankfurt'],
    );
    assert.deepEqual(q.terms, ['payments']);
    const clean = understand('orders eks');
    assert.deepEqual(clean.corrections, []);
  });

  it('leaves free text alone when nothing structured is in it', () => {
    const q = understand('checkout catalog');
    assert.equal(formatFilter(q.filter), '*');
    assert.deepEqual(q.boosts, []);
    assert.deepEqual(q.terms, ['checkout', 'catalog']);
  });
});

describe('matchConcepts (for intent parsing)', () => {
  it('keeps actions when asked, with spans', () => {
    const scan = matchConcepts('Shut down the dev VMs in West US 2', { actions: true });
    const concepts = scan.segments.filter((s) => s.kind === 'concept');
    assert.deepEqual(
      concepts.map((c) => [
        c.text,
        c.senses
          .map((s) => s.concept.kind)
          .sort()
          .join('+'),
      ]),
      [
        ['Shut down', 'action+state'],
        ['dev', 'environment'],
        ['VMs', 'type'],
        ['West US 2', 'region'],
      ],
    );
    assert.equal(concepts[3]!.offset, 'Shut down the dev VMs in '.length);
  });

  it('leaves actions out by default', () => {
    const scan = matchConcepts('how many buckets');
    assert.deepEqual(
      scan.segments.map((s) => s.kind),
      ['word', 'word', 'concept'],
    );
  });
});
