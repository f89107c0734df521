import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadSimRecords } from '../testing/sim-records.ts';
import { normaliseDbInstance } from './normalise-db-instance.ts';

const records = loadSimRecords();
const scope = { account: records.account, region: 'us-east-1' };
const db = records['us-east-1'].dbInstances[0]!;

describe('normaliseDbInstance', () => {
  it('maps a simulator record: ARN, class, engine, flags, network and key', () => {
    const r = normaliseDbInstance(db, scope);
    assert.equal(r.id, 'arn:aws:rds:us-east-1:130827130939:db:ledger-db-01');
    assert.equal(r.state, 'running');
    assert.equal(r.environment, 'dev');
    assert.deepEqual(
      [r.attributes.size, r.attributes.engine, r.attributes.engineVersion],
      ['db.m6g.large', 'mariadb', '10.11.9'],
    );
    assert.deepEqual(
      [r.attributes.public, r.attributes.encrypted, r.attributes.backupRetentionDays],
      [false, true, 1],
    );
    const kinds = r.relationships.map((x) => x.kind);
    assert.equal(kinds.filter((k) => k === 'in-subnet').length, 3);
    assert.deepEqual(
      r.relationships.find((x) => x.kind === 'uses-key'),
      {
        kind: 'uses-key',
        targetId: 'arn:aws:kms:us-east-1:130827130939:key/d2e2cc73-eb43-4382-884d-69492b946685',
      },
    );
  });

  it('flags public, unencrypted and backup-less databases', () => {
    const r = normaliseDbInstance(
      {
        ...db,
        PubliclyAccessible: true,
        StorageEncrypted: false,
        KmsKeyId: undefined,
        BackupRetentionPeriod: 0,
      },
      scope,
    );
    assert.deepEqual(
      [r.attributes.public, r.attributes.encrypted, r.attributes.backupRetentionDays],
      [true, false, 0],
    );
    assert.equal(r.attributes.backupEnabled, false);
    assert.ok(!r.relationships.some((x) => x.kind === 'uses-key'));
  });

  it('normalises RDS statuses', () => {
    const state = (s: string) => normaliseDbInstance({ ...db, DBInstanceStatus: s }, scope).state;
    assert.deepEqual(
      [
        'available',
        'stopped',
        'stopping',
        'starting',
        'rebooting',
        'creating',
        'deleting',
        'modifying',
        'storage-full',
        'failed',
        'x-new',
      ].map(state),
      [
        'running',
        'stopped',
        'stopping',
        'starting',
        'starting',
        'pending',
        'deleting',
        'running',
        'running',
        'failed',
        'unknown',
      ],
    );
  });
});
