import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { groupByScope, syntheticEstate } from '../testing/synthetic-estate.ts';
import { openTempStore } from '../testing/temp-store.ts';
import { WAL_AUTOCHECKPOINT_PAGES } from './open-database.ts';
import type { SqliteDatabase } from './sqlite.ts';
import { CHECKPOINT_EVERY_CHANGES, WalCheckpointer } from './wal-checkpointer.ts';

const autocheckpoint = (db: SqliteDatabase): number =>
  db.pragma('wal_autocheckpoint', { simple: true }) as number;

/** Writes `rows` rows in one transaction: enough WAL for a checkpoint to copy. */
function write(db: SqliteDatabase, rows: number): void {
  db.exec('CREATE TABLE IF NOT EXISTS filler (v TEXT)');
  const insert = db.prepare('INSERT INTO filler (v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i += 1) insert.run(randomBytes(48).toString('hex'));
  })();
}

test('the worker checkpoints the WAL once enough was written, and gives checkpoints back when stopped', async (t) => {
  const temp = await openTempStore();
  t.after(temp.cleanup);
  const db = temp.store.database();
  const checkpointer = WalCheckpointer.forSync(db, temp.path, {
    kind: 'raw',
    bytes: temp.key,
    source: 'test',
  });
  t.after(() => checkpointer.stop());

  write(db, 10);
  checkpointer.wrote();
  await checkpointer.settled();
  assert.equal(checkpointer.checkpoints, 0, 'a small write asks for nothing');
  assert.equal(autocheckpoint(db), WAL_AUTOCHECKPOINT_PAGES, 'no worker: the connection still checkpoints');

  write(db, CHECKPOINT_EVERY_CHANGES);
  checkpointer.wrote();
  assert.equal(autocheckpoint(db), 0, 'the worker checkpoints now, not the writer');
  await checkpointer.settled();
  assert.equal(checkpointer.failure, undefined);
  assert.equal(checkpointer.checkpoints, 1);
  assert.ok(checkpointer.last && checkpointer.last.checkpointed > 0, 'frames were copied into the file');
  assert.equal(checkpointer.last?.checkpointed, checkpointer.last?.log, 'no reader held it back');

  checkpointer.stop();
  assert.equal(checkpointer.active, false);
  assert.equal(autocheckpoint(db), WAL_AUTOCHECKPOINT_PAGES);
  assert.deepEqual(temp.store.integrityCheck(), ['ok']);
});

test('a worker that cannot open the store says why, and the connection checkpoints again', async (t) => {
  const temp = await openTempStore();
  t.after(temp.cleanup);
  const db = temp.store.database();
  const wrongKey = { kind: 'raw', bytes: randomBytes(32), source: 'test' } as const;
  const checkpointer = WalCheckpointer.forSync(db, temp.path, wrongKey);
  t.after(() => checkpointer.stop());

  checkpointer.request();
  await checkpointer.settled();
  assert.match(checkpointer.failure ?? '', /not a database|encrypted|file is/i);
  assert.equal(checkpointer.active, false);
  assert.equal(autocheckpoint(db), WAL_AUTOCHECKPOINT_PAGES);
  write(db, 100);
  assert.deepEqual(temp.store.integrityCheck(), ['ok']);
});

test('a big sync checkpoints from the worker and ends with the connection checkpointing again', async (t) => {
  const temp = await openTempStore();
  t.after(temp.cleanup);
  const { store } = temp;
  const db = store.database();
  const syncId = store.beginSync();
  let sawWorker = false;
  for (const { scope, resources } of groupByScope(syntheticEstate({ count: 6_000, seed: 3 }))) {
    store.replaceScope(scope, resources, syncId);
    sawWorker ||= autocheckpoint(db) === 0;
  }
  assert.ok(sawWorker, 'the sync handed checkpoints to the worker');
  const summary = store.finishSync(syncId, { apiCalls: 1 });
  assert.equal(summary.added, 6_000);
  assert.equal(autocheckpoint(db), WAL_AUTOCHECKPOINT_PAGES);
  assert.deepEqual(store.integrityCheck(), ['ok']);
});
