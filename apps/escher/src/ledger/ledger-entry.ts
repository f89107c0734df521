import { createHash } from 'node:crypto';
import type { LedgerEntry } from '@escher/protocol';
import type { SqliteDatabase, SqliteStatement } from '../store/database/sqlite.ts';
import { canonicalJson } from './canonical-json.ts';

/** The `prevHash` of the first entry. */
export const GENESIS_PREV_HASH = '0'.repeat(64);

/** The entry format version inside every hashed body. */
export const LEDGER_FORMAT_VERSION = 1;

/** A `ledger_entries` row as SQLite returns it. */
export interface LedgerRow {
  seq: number;
  at: string;
  kind: string;
  actor: string;
  data: string;
  prev_hash: string;
  key_id: string;
  hash: string;
  signature: string;
}

/** The `ledger_head` row: the signed checkpoint of the last entry. */
export interface LedgerHeadRow {
  seq: number;
  hash: string;
  key_id: string;
  signature: string;
}

/** What an entry's hash covers: everything but the hash and the signature. */
export interface EntryBody {
  v: number;
  seq: number;
  at: string;
  kind: string;
  actor: string;
  data: unknown;
  prevHash: string;
  keyId: string;
}

/** SHA-256 (hex) of the body's canonical JSON. */
export function hashBody(body: EntryBody): string {
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}

/** What the head's signature covers. */
export function headMessage(seq: number, hash: string): string {
  return canonicalJson({ hash, seq, v: LEDGER_FORMAT_VERSION });
}

/** The body a stored row claims; `data` undefined when the column is not JSON. */
export function rowBody(row: LedgerRow, seq = row.seq): EntryBody | undefined {
  const data = parseData(row.data);
  if (data === undefined) return undefined;
  return {
    v: LEDGER_FORMAT_VERSION,
    seq,
    at: row.at,
    kind: row.kind,
    actor: row.actor,
    data,
    prevHash: row.prev_hash,
    keyId: row.key_id,
  };
}

/** A row as the protocol's LedgerEntry (what `audit list --json` prints). */
export function rowToEntry(row: LedgerRow): LedgerEntry {
  const data = parseData(row.data);
  return {
    v: 1,
    seq: row.seq,
    at: row.at,
    kind: row.kind,
    actor: row.actor,
    data:
      typeof data === 'object' && data !== null && !Array.isArray(data)
        ? (data as Record<string, unknown>)
        : {},
    prevHash: row.prev_hash,
    keyId: row.key_id,
    hash: row.hash,
    signature: row.signature,
  };
}

const COLUMNS = 'seq, at, kind, actor, data, prev_hash, key_id, hash, signature';

/** Prepared reads and writes of the ledger's two tables. */
export class LedgerTable {
  private readonly statements = new Map<string, SqliteStatement>();

  constructor(private readonly db: SqliteDatabase) {}

  /** Statements are prepared once per table object: appends are the engine's hot path. */
  private sql(text: string): SqliteStatement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  last(): LedgerRow | undefined {
    return this.sql(`SELECT ${COLUMNS} FROM ledger_entries ORDER BY seq DESC LIMIT 1`).get() as
      LedgerRow | undefined;
  }

  bySeq(seq: number): LedgerRow | undefined {
    return this.sql(`SELECT ${COLUMNS} FROM ledger_entries WHERE seq = ?`).get(seq) as LedgerRow | undefined;
  }

  seqOfHash(hash: string): number | undefined {
    const row = this.sql('SELECT seq FROM ledger_entries WHERE hash = ?').get(hash) as
      { seq: number } | undefined;
    return row?.seq;
  }

  /** Every row in sequence order, streamed. */
  iterate(): IterableIterator<LedgerRow> {
    return this.sql(
      `SELECT ${COLUMNS} FROM ledger_entries ORDER BY seq`,
    ).iterate() as IterableIterator<LedgerRow>;
  }

  /** The newest `limit` rows (of one kind when given), oldest first. */
  latest(limit: number, kind?: string): LedgerRow[] {
    const rows = (
      kind === undefined
        ? this.sql(`SELECT ${COLUMNS} FROM ledger_entries ORDER BY seq DESC LIMIT ?`).all(limit)
        : this.db
            .prepare(`SELECT ${COLUMNS} FROM ledger_entries WHERE kind = ? ORDER BY seq DESC LIMIT ?`)
            .all(kind, limit)
    ) as LedgerRow[];
    return rows.reverse();
  }

  count(): number {
    return (this.sql('SELECT count(*) AS n FROM ledger_entries').get() as { n: number }).n;
  }

  insert(row: LedgerRow): void {
    this.sql(`INSERT INTO ledger_entries (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      row.seq,
      row.at,
      row.kind,
      row.actor,
      row.data,
      row.prev_hash,
      row.key_id,
      row.hash,
      row.signature,
    );
  }

  head(): LedgerHeadRow | undefined {
    return this.sql('SELECT seq, hash, key_id, signature FROM ledger_head WHERE id = 1').get() as
      LedgerHeadRow | undefined;
  }

  setHead(head: LedgerHeadRow): void {
    this.sql(
      `INSERT INTO ledger_head (id, seq, hash, key_id, signature) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash,
           key_id = excluded.key_id, signature = excluded.signature`,
    ).run(head.seq, head.hash, head.key_id, head.signature);
  }
}

function parseData(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
