import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '@escher/protocol';
import * as sqliteVec from 'sqlite-vec';
import { applyStoreKey } from '../database/open-database.ts';
import { Sqlite } from '../database/sqlite.ts';
import { Store } from '../store.ts';
import { staticKeySource } from '../key/static.key-source.ts';
import { openTempStore, testInstance, testScope } from '../testing/temp-store.ts';
import { MIGRATIONS } from './all-migrations.ts';
import { runMigrations, schemaVersion } from './run-migrations.ts';

const SIX_COLLECTIONS = [
  'resources',
  'chat_messages',
  'operations',
  'reports',
  'alerts',
  'events',
  'playbooks',
];

test('an empty store is migrated to the latest schema with every collection', async (t) => {
  const temp = await openTempStore();
  t.after(() => temp.cleanup());
  const { rows } = temp.store.stats();
  for (const table of [...SIX_COLLECTIONS, 'syncs', 'resource_changes', 'resource_vectors']) {
    assert.equal(rows[table], 0, `${table} exists and is empty`);
  }
});

test('re-opening a migrated store applies nothing and keeps the data', async (t) => {
  const temp = await openTempStore();
  t.after(() => temp.cleanup());
  const syncId = temp.store.beginSync();
  temp.store.replaceScope(testScope(), [testInstance('a')], syncId);
  temp.store.finishSync(syncId, { apiCalls: 1 });
  temp.store.close();

  const again = await temp.reopen();
  assert.equal(again.listResources().length, 1);
  assert.equal(again.stats().rows['syncs'], 1);
});

test('the runner records each version once and is idempotent', () => {
  const db = new Sqlite(':memory:');
  // Migration 1 creates sqlite-vec tables.
  sqliteVec.load(db);
  const clock = { now: () => 0 };
  const versions = MIGRATIONS.map((m) => m.version);
  assert.deepEqual(runMigrations(db, MIGRATIONS, clock), versions);
  assert.deepEqual(runMigrations(db, MIGRATIONS, clock), []);
  assert.equal(schemaVersion(db), MIGRATIONS.length);
  assert.deepEqual(
    db.prepare('SELECT version, name FROM schema_migrations').all(),
    MIGRATIONS.map(({ version, name }) => ({ version, name })),
  );
  db.close();
});

test('a store written by a newer Escher is refused with a clear error', async (t) => {
  const temp = await openTempStore();
  t.after(() => temp.cleanup());
  temp.store.close();
  const db = new Sqlite(temp.path);
  applyStoreKey(db, { kind: 'raw', bytes: temp.key, source: 'test' });
  db.prepare(
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from-the-future', 0)",
  ).run();
  db.close();

  const store = new Store({
    path: temp.path,
    keySource: staticKeySource({ kind: 'raw', bytes: temp.key }),
    clock: temp.clock,
  });
  await assert.rejects(store.open(), (error: unknown) => {
    assert.ok(error instanceof UserError);
    assert.equal(error.code, 'store-schema-newer');
    assert.match(error.hint ?? '', /Upgrade Escher/);
    return true;
  });
  assert.equal(store.isOpen, false);
});
