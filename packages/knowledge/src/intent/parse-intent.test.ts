import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IntentSchema, RequestIntentSchema, type Resource } from '@escher/protocol';
import { evaluate } from '../filter/evaluate.ts';
import { pushdown } from '../filter/pushdown.ts';
import { resource } from '../testing/resources.testing.ts';
import { HELD_OUT_REQUESTS } from './fixtures/held-out-requests.ts';
import { KNOWN_NAMES, LABELLED_REQUESTS, NOW } from './fixtures/labelled-requests.ts';
import { SCORED_FIELDS, accuracyOf, parseLabelled, scoreLabelled } from './fixtures/intent-scoring.ts';
import { intentToFilter } from './intent-filter.ts';
import { parseIntent } from './parse-intent.ts';

const now = NOW;
const intentOf = (request: string, knownNames?: readonly string[]) =>
  parseIntent(request, { now, ...(knownNames ? { knownNames } : {}) }).intent;

describe('parseIntent: the requests of issue 6', () => {
  it('reads "Stop my VMs in West US 2" as stopping Azure VMs in westus2', () => {
    const intent = intentOf('Stop my VMs in West US 2');
    assert.equal(intent.action, 'stop');
    assert.equal(intent.resourceType, 'compute.instance');
    assert.equal(intent.cloud, 'azure');
    assert.equal(intent.region, 'westus2');
  });

  it('reads an internet-exposure question as a check of public buckets', () => {
    const parsed = parseIntent('Which storage accounts are accessible from the internet?', { now });
    assert.equal(parsed.intent.action, 'check');
    assert.equal(parsed.intent.resourceType, 'storage.bucket');
    assert.deepEqual(parsed.intent.conditions, [{ kind: 'flag', flag: 'public', negated: false }]);
    // "storage account" is Azure's word but used loosely: the cloud is left open, and said so.
    assert.equal(parsed.intent.cloud, undefined);
    assert.match(parsed.unsure.join(' '), /cloud/);
  });

  it('reads a month-on-month cost question as two periods computed from now', () => {
    const { params, action } = intentOf('How does our cost this month compare to last month?');
    assert.equal(action, 'cost');
    assert.deepEqual(params.period, {
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-18T12:00:00.000Z',
      label: 'this month',
    });
    assert.deepEqual(params.comparePeriod, {
      from: '2026-10-01T00:00:00.000Z',
      to: '2026-11-01T00:00:00.000Z',
      label: 'last month',
    });
  });

  it('reads "Tag payments-api and orders-db as upgraderequired:yes" as tagging two named resources', () => {
    const intent = intentOf('Tag payments-api and orders-db as upgraderequired:yes', KNOWN_NAMES);
    assert.equal(intent.action, 'tag');
    assert.deepEqual(intent.names, ['payments-api', 'orders-db']);
    assert.deepEqual(intent.params.tags, { upgraderequired: 'yes' });
    assert.deepEqual(intent.tags, {});
  });

  it('names regions by code, display name, city and group across the clouds', () => {
    assert.equal(intentOf('vms in N. Virginia').region, 'us-east-1');
    assert.deepEqual(intentOf('vms in Frankfurt').region, [
      'eu-central-1',
      'europe-west3',
      'germanywestcentral',
    ]);
    const europe = intentOf('vms in Europe regions').region;
    assert.ok(Array.isArray(europe) && europe.includes('eu-west-1') && europe.includes('westeurope'));
    assert.deepEqual(intentOf('aws vms in Europe regions').region, [
      ...(europe as string[]).filter((code) => /^eu(sc)?-/.test(code)),
    ]);
  });

  it('reads quantities, sizes, time phrases and names from the context', () => {
    assert.deepEqual(intentOf('the 3 largest disks').params, {
      limit: 3,
      orderBy: { field: 'size', direction: 'desc' },
    });
    assert.deepEqual(intentOf('Do we have more than 5 stopped VMs?').params.threshold, { op: '>', value: 5 });
    assert.equal(intentOf('resize web-1 to t3.large').params.size, 't3.large');
    assert.deepEqual(intentOf('vms created since Monday').conditions, [
      { kind: 'field', field: 'createdAt', op: '>=', value: '2026-11-16T00:00:00.000Z' },
    ]);
    assert.deepEqual(intentOf('describe analytics', KNOWN_NAMES).names, ['analytics']);
  });

  it('answers anything outside the vocabulary as other', () => {
    assert.equal(intentOf('write me a poem').action, 'other');
    assert.equal(intentOf('create a VM in us-east-1').action, 'other');
  });

  it('says when a change names no targets', () => {
    const parsed = parseIntent('delete everything', { now });
    assert.equal(parsed.intent.action, 'delete');
    assert.ok(parsed.unsure.some((u) => u.startsWith('targets:')));
    assert.ok(parsed.confidence < 1);
  });
});

describe('parseIntent: follow-up turns', () => {
  const previous = intentOf('list the dev VMs in aws');

  it('applies a new action to the previous targets ("stop them")', () => {
    const intent = parseIntent('stop them', { now, previous }).intent;
    assert.equal(intent.action, 'stop');
    assert.equal(intent.environment, 'dev');
    assert.equal(intent.cloud, 'aws');
  });

  it('narrows the previous targets and keeps the action ("only the ones in eu-west-1")', () => {
    const intent = parseIntent('only the ones in eu-west-1', { now, previous }).intent;
    assert.equal(intent.action, 'list');
    assert.equal(intent.region, 'eu-west-1');
    assert.equal(intent.environment, 'dev');
  });

  it('reverses the previous change ("undo that")', () => {
    const stopped = intentOf('Stop my VMs in West US 2');
    const intent = parseIntent('undo that', { now, previous: stopped }).intent;
    assert.equal(intent.action, 'start');
    assert.equal(intent.region, 'westus2');
    assert.equal(intent.params.undo, true);
    const deleted = parseIntent('undo', { now, previous: intentOf('delete web-1') });
    assert.equal(deleted.intent.action, 'other');
    assert.ok(deleted.unsure.some((u) => u.startsWith('action:')));
  });

  it('treats a turn that stands on its own as new', () => {
    const intent = parseIntent('count the buckets in gcp', { now, previous }).intent;
    assert.equal(intent.action, 'count');
    assert.equal(intent.environment, undefined);
  });
});

describe('labelled set', () => {
  it('has at least 150 requests spanning every action', () => {
    assert.ok(LABELLED_REQUESTS.length >= 150);
    const actions = new Set(LABELLED_REQUESTS.map((r) => r.expect.action));
    for (const action of IntentSchema.shape.action.options) assert.ok(actions.has(action), action);
  });

  it('keeps every field at or above its floor', () => {
    const { fields, exact } = accuracyOf(scoreLabelled());
    // Floors set just under what the parser reaches (docs/intent.md has the table).
    for (const field of SCORED_FIELDS) assert.ok(fields[field] >= 0.97, `${field}: ${fields[field]}`);
    assert.ok(exact >= 0.97, `exact: ${exact}`);
    assert.ok(accuracyOf(scoreLabelled(HELD_OUT_REQUESTS)).exact >= 0.9);
  });

  it('produces intents valid under the protocol schema and the server wire schema', () => {
    for (const item of [...LABELLED_REQUESTS, ...HELD_OUT_REQUESTS]) {
      const intent = parseLabelled(item);
      assert.doesNotThrow(() => RequestIntentSchema.parse(intent), item.request);
      assert.doesNotThrow(() => IntentSchema.parse(intent), item.request);
    }
  });

  it('parses a request in well under a millisecond (p95 over the set ×10)', () => {
    const times: number[] = [];
    for (let round = 0; round < 10; round += 1) {
      for (const item of LABELLED_REQUESTS) {
        const start = performance.now();
        parseIntent(item.request, { now, knownNames: KNOWN_NAMES });
        times.push(performance.now() - start);
      }
    }
    times.sort((a, b) => a - b);
    const p95 = times[Math.floor(times.length * 0.95)]!;
    assert.ok(p95 < 1, `p95 ${p95.toFixed(3)} ms`);
  });
});

describe('intentToFilter', () => {
  const estate: Resource[] = [
    resource({
      id: 'web-1',
      environment: 'dev',
      region: 'eu-west-1',
      state: 'running',
      tags: { team: 'web' },
    }),
    resource({ id: 'web-2', environment: 'prod', region: 'eu-west-1', state: 'running' }),
    resource({
      id: 'logs',
      type: 'storage.bucket',
      nativeType: 'AWS::S3::Bucket',
      attributes: { public: true },
    }),
    resource({ id: 'vm-az', cloud: 'azure', region: 'westus2', environment: 'dev', nativeType: 'x' }),
  ];
  const targets = (request: string): string[] => {
    const filter = intentToFilter(intentOf(request));
    return estate.filter((r) => evaluate(filter, r)).map((r) => r.id);
  };

  it('selects exactly what the intent says', () => {
    assert.deepEqual(targets('stop the dev VMs in Ireland'), ['web-1']);
    assert.deepEqual(targets('Stop my VMs in West US 2'), ['vm-az']);
    assert.deepEqual(targets('which buckets are public?'), ['logs']);
    assert.deepEqual(targets('list vms tagged team web'), ['web-1']);
    assert.deepEqual(targets('restart web-2'), ['web-2']);
    assert.deepEqual(targets('stop all VMs except web-1 and web-2'), ['vm-az']);
  });

  it('pushes the slots down as store filters', () => {
    const filter = intentToFilter(intentOf('list dev VMs in aws in eu-west-1'));
    assert.deepEqual(pushdown(filter), {
      type: ['compute.instance'],
      cloud: ['aws'],
      region: ['eu-west-1'],
      environment: ['dev'],
    });
  });
});
