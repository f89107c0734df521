import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadSimRecords } from '../testing/sim-records.ts';
import { normaliseFunction } from './normalise-function.ts';

const records = loadSimRecords();
const epoch = Date.parse(records.epoch);

describe('normaliseFunction', () => {
  const all = (['us-east-1', 'eu-west-1'] as const).flatMap((region) =>
    records[region].functions.map((f) =>
      normaliseFunction(f.config, { account: records.account, region }, f.tags, epoch),
    ),
  );

  it('flags exactly the functions on a deprecated runtime', () => {
    const flagged = all.filter((f) => f.attributes.runtimeDeprecated === true).map((f) => f.id);
    assert.deepEqual(flagged, records.misconfigurations['serverless.function.deprecated-runtime']);
    const old = all.find((f) => f.attributes.runtime === 'python3.6')!;
    assert.equal(old.attributes.runtimeDeprecatedOn, '2022-07-18');
    assert.ok(
      all
        .filter((f) => f.attributes.runtime !== 'python3.6')
        .every((f) => f.attributes.runtimeDeprecatedOn === undefined),
    );
  });

  it('takes tags from ListTags, is available unless it says otherwise, and relates role and VPC', () => {
    const fn = all.find((f) => f.name === 'search-consumer-prod')!;
    assert.equal(fn.environment, 'prod');
    assert.equal(fn.state, 'available');
    assert.equal(fn.attributes.runtime, 'java21');
    assert.deepEqual(
      fn.relationships.map((r) => r.kind),
      ['uses-role', 'in-vpc', 'in-subnet', 'in-subnet', 'in-subnet', 'security-group'],
    );
    assert.equal(fn.relationships[0]!.targetId, 'arn:aws:iam::130827130939:role/search-lambda-role');
  });

  it('maps Lambda states when the record carries one', () => {
    const config = records['us-east-1'].functions[0]!.config;
    const state = (State: string) =>
      normaliseFunction(
        { ...config, State: State as never },
        { account: records.account, region: 'us-east-1' },
        {},
        epoch,
      ).state;
    assert.deepEqual(['Active', 'Pending', 'Failed', 'Inactive'].map(state), [
      'available',
      'pending',
      'failed',
      'stopped',
    ]);
  });
});
