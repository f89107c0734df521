import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import type { Resource } from '@escher/protocol';
import * as sqliteVec from 'sqlite-vec';
import { applyStoreKey } from '../database/open-database.ts';
import { Sqlite } from '../database/sqlite.ts';
import { openTempStore, testInstance, testScope } from '../testing/temp-store.ts';
import { MIGRATIONS } from './all-migrations.ts';
import { runMigrations, schemaVersion } from './run-migrations.ts';

const ACCOUNT = '111122223333';
const T0 = Date.UTC(2026, 10, 1);

/** A store file as version 2 left it, holding what the per-region S3 workaround wrote. */
async function storeAtVersion2(): Promise<Awaited<ReturnType<typeof openTempStore>>> {
  const temp = await openTempStore();
  temp.store.close();
  // A fresh file in its place, keyed like the store's, migrated to version 2 only.
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${temp.path}${suffix}`, { force: true });
  const db = new Sqlite(temp.path);
  applyStoreKey(db, { kind: 'raw', bytes: temp.key, source: 'test' });
  sqliteVec.load(db);
  runMigrations(db, MIGRATIONS.slice(0, 2), { now: () => T0 });
  const insert = db.prepare(
    `INSERT INTO resources (rowid, id, cloud, account, region, service, type, native_type, name, state, tags,
       attributes, relationships, first_seen, updated_at, removed_at)
     VALUES (?, ?, 'aws', ?, ?, ?, ?, ?, ?, ?, ?, '{}', '[]', ?, ?, ?)`,
  );
  const rows = [
    [7, 'arn:aws:s3:::logs', 'us-east-1', 's3', 'storage.bucket', 'AWS::S3::Bucket', 'logs', null, null],
    [8, 'arn:aws:s3:::www', 'eu-west-1', 's3', 'storage.bucket', 'AWS::S3::Bucket', 'www', null, null],
    [9, 'i-api', 'us-east-1', 'ec2', 'compute.instance', 'AWS::EC2::Instance', 'api', 'running', null],
    [10, 'i-gone', 'us-east-1', 'ec2', 'compute.instance', 'AWS::EC2::Instance', 'gone', 'stopped', T0],
  ] as const;
  db.prepare("INSERT INTO syncs (id, status, started_at, finished_at) VALUES (1, 'succeeded', ?, ?)").run(
    T0,
    T0,
  );
  for (const [rowid, id, region, service, type, nativeType, name, state, removedAt] of rows) {
    insert.run(
      rowid,
      id,
      ACCOUNT,
      region,
      service,
      type,
      nativeType,
      name,
      state,
      '{"team":"data"}',
      T0,
      T0,
      removedAt,
    );
    db.prepare(
      "INSERT INTO resource_changes (sync_id, resource_rowid, kind, at) VALUES (1, ?, 'added', ?)",
    ).run(rowid, T0);
    if (removedAt === null) {
      db.prepare('INSERT INTO resources_fts (rowid, name, tags) VALUES (?, ?, ?)').run(rowid, name, 'data');
    }
  }
  db.close();
  return temp;
}

test('migration 3 keeps every resource, its rowid, history and text entry, owned by the scope that wrote it', async (t) => {
  const temp = await storeAtVersion2();
  t.after(() => temp.cleanup());
  const store = await temp.reopen();
  assert.deepEqual(store.integrityCheck(), ['ok']);
  assert.deepEqual(
    store.listResources().map((r) => [r.name, r.region]),
    [
      ['api', 'us-east-1'],
      ['logs', 'us-east-1'],
      ['www', 'eu-west-1'],
    ],
  );
  assert.deepEqual(
    store.history('arn:aws:s3:::www').map((c) => c.kind),
    ['added'],
  );
  assert.equal(store.searchText('www')[0]?.resource.id, 'arn:aws:s3:::www');

  // The scanner now lists S3 as one global scope: the buckets move there, nothing is removed.
  const syncId = store.beginSync();
  const bucket = (name: string, region: string): Resource => {
    const {
      state: _state,
      environment: _environment,
      ...rest
    } = testInstance(name, {
      id: `arn:aws:s3:::${name}`,
      region,
      type: 'storage.bucket',
      nativeType: 'AWS::S3::Bucket',
      tags: { team: 'data' },
      attributes: {},
    });
    return rest;
  };
  const moved = store.replaceScope(
    testScope({ region: 'global', service: 's3' }),
    [bucket('logs', 'us-east-1'), bucket('www', 'eu-west-1')],
    syncId,
  );
  assert.deepEqual([moved.moved, moved.added, moved.removed], [2, 0, 0]);
  // The old per-region scopes no longer own them.
  assert.equal(store.replaceScope(testScope({ service: 's3' }), [], syncId).removed, 0);
  const summary = store.finishSync(syncId, { apiCalls: 2 });
  assert.equal(summary.removed, 0);
  assert.equal(store.listResources({ type: 'storage.bucket' }).length, 2);
});

test('the runner applies migration 3 once, on top of 1 and 2', () => {
  const db = new Sqlite(':memory:');
  sqliteVec.load(db);
  const clock = { now: () => T0 };
  assert.deepEqual(runMigrations(db, MIGRATIONS.slice(0, 2), clock), [1, 2]);
  assert.deepEqual(runMigrations(db, MIGRATIONS.slice(0, 3), clock), [3]);
  assert.equal(schemaVersion(db), 3);
  const columns = (db.prepare('PRAGMA table_info(resources)').all() as { name: string }[]).map((c) => c.name);
  assert.ok(columns.includes('scope_id') && !columns.includes('service'));
  db.close();
});
