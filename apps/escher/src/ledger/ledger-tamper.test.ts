import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import type { LedgerProblemCode } from '@escher/protocol';
import type { SqliteDatabase } from '../store/database/sqlite.ts';
import { AuditLedger } from './audit-ledger.ts';
import { canonicalJson } from './canonical-json.ts';
import { openTempLedger, type TempLedger } from './ledger.testing.ts';
import { SIGNATURE_PURPOSES, SigningKey } from './signing-key.ts';

// Each test tampers with the real encrypted SQLite file through the store's own connection, as
// someone holding the store key could, after dropping the append-only triggers.

const ENTRIES = 8;

async function ledgerWithEntries(t: { after(fn: () => void): void }): Promise<TempLedger> {
  const opened = await openTempLedger();
  t.after(() => opened.temp.cleanup());
  for (let i = 2; i <= ENTRIES; i++) {
    opened.temp.clock.advance(1_000);
    opened.ledger.append({ kind: 'settings-changed', data: { setting: `setting-${i}`, to: i } });
  }
  assert.equal(opened.ledger.verify().ok, true);
  opened.db.exec(`
    DROP TRIGGER ledger_entries_no_update;
    DROP TRIGGER ledger_entries_no_delete;
    DROP TRIGGER ledger_head_no_delete;
  `);
  return opened;
}

/**
 * Asserts verify names `seq` and `code`. `tail` tampering (the last entry or the head) also
 * stops further appends: an append checks the tail only, to stay O(1).
 */
function assertFirstBad(
  opened: TempLedger,
  seq: number,
  code: LedgerProblemCode,
  reason?: RegExp,
  { tail = false } = {},
): void {
  const result = opened.ledger.verify();
  assert.equal(result.ok, false, 'verify must fail');
  assert.deepEqual(
    { seq: result.firstBad?.seq, code: result.firstBad?.code },
    { seq, code },
    result.firstBad?.reason,
  );
  if (reason) assert.match(result.firstBad?.reason ?? '', reason);
  if (!tail) return;
  // Nothing more can be recorded on top of it, so the tampering cannot be buried.
  assert.throws(
    () => opened.ledger.append({ kind: 'settings-changed', data: { setting: 'after', to: 1 } }),
    (error: { code?: string; message?: string }) =>
      error.code === 'ledger-tampered' && /Nothing was recorded/.test(error.message ?? ''),
  );
}

function rehash(db: SqliteDatabase, seq: number): void {
  const row = db.prepare('SELECT * FROM ledger_entries WHERE seq = ?').get(seq) as Record<
    string,
    string | number
  >;
  const body = {
    v: 1,
    seq: row['seq'],
    at: row['at'],
    kind: row['kind'],
    actor: row['actor'],
    data: JSON.parse(String(row['data'])) as unknown,
    prevHash: row['prev_hash'],
    keyId: row['key_id'],
  };
  const hash = createHash('sha256').update(canonicalJson(body)).digest('hex');
  db.prepare('UPDATE ledger_entries SET hash = ? WHERE seq = ?').run(hash, seq);
}

test('an edited entry is named as edited', async (t) => {
  const opened = await ledgerWithEntries(t);
  opened.db
    .prepare(`UPDATE ledger_entries SET data = '{"setting":"setting-4","to":999}' WHERE seq = 4`)
    .run();
  assertFirstBad(opened, 4, 'edited', /entry 4 was changed after it was written/);
});

test('an edited column outside the data (kind, actor, time) is caught the same way', async (t) => {
  const opened = await ledgerWithEntries(t);
  opened.db.prepare(`UPDATE ledger_entries SET actor = 'someone-else' WHERE seq = 6`).run();
  assertFirstBad(opened, 6, 'edited');
});

test('an entry edited and re-hashed without the key fails its signature', async (t) => {
  const opened = await ledgerWithEntries(t);
  opened.db.prepare(`UPDATE ledger_entries SET data = '{"setting":"setting-5","to":0}' WHERE seq = 5`).run();
  rehash(opened.db, 5);
  assertFirstBad(opened, 5, 'bad-signature', /signature does not verify/);
});

test('a deleted entry is named as missing', async (t) => {
  const opened = await ledgerWithEntries(t);
  opened.db.prepare('DELETE FROM ledger_entries WHERE seq = 3').run();
  assertFirstBad(
    opened,
    3,
    'missing-entries',
    /entry 3 is missing \(deleted\): entry 2 is followed by entry 4/,
  );
});

test('a deleted entry with the rest renumbered to close the gap is still named', async (t) => {
  const opened = await ledgerWithEntries(t);
  opened.db.exec(
    'DELETE FROM ledger_entries WHERE seq = 3; UPDATE ledger_entries SET seq = seq - 1 WHERE seq > 3;',
  );
  opened.db.prepare('UPDATE ledger_head SET seq = seq - 1').run();
  assertFirstBad(
    opened,
    3,
    'missing-entries',
    /holds what was written as entry 4: 1 entry before it were deleted/,
  );
});

test('an entry inserted in the middle is named as inserted', async (t) => {
  const opened = await ledgerWithEntries(t);
  const { db } = opened;
  db.exec(
    'UPDATE ledger_entries SET seq = -(seq + 1) WHERE seq >= 3; UPDATE ledger_entries SET seq = -seq WHERE seq < 0;',
  );
  const before = db.prepare('SELECT * FROM ledger_entries WHERE seq = 2').get() as Record<string, string>;
  db.prepare(
    `INSERT INTO ledger_entries (seq, at, kind, actor, data, prev_hash, key_id, hash, signature)
     VALUES (3, ?, 'approval', 'mallory', '{}', ?, ?, ?, ?)`,
  ).run(before['at'], before['hash'], before['key_id'], 'f'.repeat(64), Buffer.alloc(64).toString('base64'));
  assertFirstBad(opened, 3, 'inserted', /entry 3 was inserted/);
});

test('an entry appended at the end without the key is named as inserted', async (t) => {
  const opened = await ledgerWithEntries(t);
  const last = opened.db.prepare('SELECT * FROM ledger_entries WHERE seq = ?').get(ENTRIES) as Record<
    string,
    string
  >;
  opened.db
    .prepare(
      `INSERT INTO ledger_entries (seq, at, kind, actor, data, prev_hash, key_id, hash, signature)
       VALUES (?, ?, 'approval', 'mallory', '{}', ?, ?, ?, ?)`,
    )
    .run(ENTRIES + 1, last['at'], last['hash'], last['key_id'], 'e'.repeat(64), last['signature']);
  rehash(opened.db, ENTRIES + 1);
  assertFirstBad(opened, ENTRIES + 1, 'inserted', /added after the signed head/, { tail: true });
});

test('two entries swapped are named as reordered', async (t) => {
  const opened = await ledgerWithEntries(t);
  opened.db.exec(`
    UPDATE ledger_entries SET seq = -1 WHERE seq = 5;
    UPDATE ledger_entries SET seq = 5 WHERE seq = 6;
    UPDATE ledger_entries SET seq = 6 WHERE seq = -1;
  `);
  assertFirstBad(opened, 5, 'reordered', /entry 5 holds what was written as entry 6: entries were reordered/);
});

test('an entry signed by another key is named as signed by an unknown key', async (t) => {
  const opened = await ledgerWithEntries(t);
  const mallory = SigningKey.generate();
  opened.db.prepare('UPDATE ledger_entries SET key_id = ? WHERE seq = 7').run(mallory.keyId);
  rehash(opened.db, 7);
  const hash = (opened.db.prepare('SELECT hash FROM ledger_entries WHERE seq = 7').get() as { hash: string })
    .hash;
  opened.db
    .prepare('UPDATE ledger_entries SET signature = ? WHERE seq = 7')
    .run(mallory.sign(SIGNATURE_PURPOSES.ledgerEntry, hash));
  assertFirstBad(opened, 7, 'unknown-key', /never introduced/);
});

test('a ledger re-created under another key is named at entry 1 as the wrong key', async (t) => {
  const opened = await ledgerWithEntries(t);
  const { db, vault, temp } = opened;
  db.exec('DELETE FROM ledger_entries; DELETE FROM ledger_head;');
  // A forger's own, internally consistent ledger in a scratch store, copied over.
  const forged = await openTempLedger();
  t.after(() => forged.temp.cleanup());
  forged.ledger.append({ kind: 'settings-changed', data: { setting: 'forged', to: 1 } });
  const insert = db.prepare(
    'INSERT INTO ledger_entries (seq, at, kind, actor, data, prev_hash, key_id, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const r of forged.db.prepare('SELECT * FROM ledger_entries ORDER BY seq').all() as Record<
    string,
    unknown
  >[]) {
    insert.run(
      r['seq'],
      r['at'],
      r['kind'],
      r['actor'],
      r['data'],
      r['prev_hash'],
      r['key_id'],
      r['hash'],
      r['signature'],
    );
  }
  const head = forged.db.prepare('SELECT * FROM ledger_head').get() as Record<string, unknown>;
  db.prepare('INSERT INTO ledger_head (id, seq, hash, key_id, signature) VALUES (1, ?, ?, ?, ?)').run(
    head['seq'],
    head['hash'],
    head['key_id'],
    head['signature'],
  );
  assertFirstBad(
    { ...opened, ledger: new AuditLedger({ db, vault, clock: temp.clock, actor: 'x' }) },
    1,
    'wrong-key',
  );
});

test('the last entry deleted is caught by the signed head, and so is an edited head', async (t) => {
  const opened = await ledgerWithEntries(t);
  opened.db.prepare('DELETE FROM ledger_entries WHERE seq = ?').run(ENTRIES);
  assertFirstBad(
    opened,
    ENTRIES,
    'truncated',
    /entry 8 is missing \(deleted from the end\): the signed head names 8/,
    {
      tail: true,
    },
  );

  opened.db
    .prepare('UPDATE ledger_head SET seq = ?, hash = (SELECT hash FROM ledger_entries WHERE seq = ?)')
    .run(ENTRIES - 1, ENTRIES - 1);
  assertFirstBad(opened, ENTRIES, 'head-invalid', /not signed by the ledger key/, { tail: true });

  opened.db.prepare('DELETE FROM ledger_head').run();
  assertFirstBad(opened, ENTRIES, 'head-invalid', /head is missing/, { tail: true });
});

test('every entry deleted is caught while the store still holds the ledger key', async (t) => {
  const opened = await ledgerWithEntries(t);
  opened.db.exec('DELETE FROM ledger_entries; DELETE FROM ledger_head;');
  assertFirstBad(opened, 1, 'truncated', /every entry was deleted/, { tail: true });
});

test('not detectable locally: the tail cut back to an older genuine head; an external anchor catches it', async (t) => {
  const opened = await openTempLedger();
  t.after(() => opened.temp.cleanup());
  const { db, ledger } = opened;
  for (let i = 2; i <= 6; i++) ledger.append({ kind: 'settings-changed', data: { setting: `s${i}`, to: i } });
  // The attacker kept the head as it was at entry 6 (any older copy of the store has one).
  const head6 = db.prepare('SELECT seq, hash, key_id, signature FROM ledger_head').get() as Record<
    string,
    unknown
  >;
  ledger.append({ kind: 'approval', data: approvalData() });
  ledger.append({ kind: 'execution-cancelled', data: { executionId: 'x1' } });
  const anchor = ledger.verify().head!;
  assert.equal(anchor.seq, 8);

  db.exec('DROP TRIGGER ledger_entries_no_delete');
  db.prepare('DELETE FROM ledger_entries WHERE seq > 6').run();
  db.prepare('UPDATE ledger_head SET seq = ?, hash = ?, key_id = ?, signature = ?').run(
    head6['seq'],
    head6['hash'],
    head6['key_id'],
    head6['signature'],
  );
  assert.equal(ledger.verify().ok, true, 'an older, genuine state verifies: the documented limit');
  const anchored = ledger.verify({ anchor });
  assert.deepEqual(
    { seq: anchored.firstBad?.seq, code: anchored.firstBad?.code },
    { seq: 7, code: 'anchor-mismatch' },
  );
});

function approvalData(): {
  planId: string;
  planHash: string;
  approver: string;
  targetCount: number;
  signature: string;
  keyId: string;
} {
  return {
    planId: 'p1',
    planHash: 'c'.repeat(64),
    approver: 'ana',
    targetCount: 3,
    signature: 'sig',
    keyId: 'k',
  };
}
