import type { KeyObject } from 'node:crypto';
import type { LedgerProblemCode, LedgerVerifyResult } from '@escher/protocol';
import type { SqliteDatabase } from '../store/database/sqlite.ts';
import {
  GENESIS_PREV_HASH,
  hashBody,
  headMessage,
  LedgerTable,
  rowBody,
  type LedgerRow,
} from './ledger-entry.ts';
import { keyIdOf, parsePublicKey, SIGNATURE_PURPOSES, verifySignature } from './signing-key.ts';

/** What verification may check beyond the ledger itself. */
export interface VerifyLedgerOptions {
  /** The key id this machine signs with: a first entry introducing another key is `wrong-key`. */
  trustedKeyId?: string;
  /** A `{ seq, hash }` kept outside the store (`audit verify --anchor`): the ledger must still hold it. */
  anchor?: { seq: number; hash: string };
  /** True when the store holds a ledger key: an empty ledger then means every entry was deleted. */
  keyExists?: boolean;
}

interface Problem {
  seq: number;
  code: LedgerProblemCode;
  reason: string;
}

interface RowCheck {
  row: LedgerRow;
  prev: LedgerRow | undefined;
  expectedSeq: number;
  malformed: boolean;
  hashOk: boolean;
  linkOk: boolean;
  keyKnown: boolean;
  signatureOk: boolean;
}

/** How far from its position a renumbered entry is looked for. */
const RENUMBER_SEARCH = 64;

/**
 * Checks the whole ledger and names the first bad entry: every entry must follow the one before
 * it (sequence and previous-hash), match its own hash, and carry a valid Ed25519 signature by the
 * key the first entry introduced; the signed head must name the last entry, so entries deleted
 * from the end are caught too. Reads only the ledger tables and needs no secret.
 *
 * @example
 * const result = verifyLedger(store.database());
 * if (!result.ok) console.error(`entry ${result.firstBad.seq}: ${result.firstBad.reason}`);
 */
export function verifyLedger(db: SqliteDatabase, options: VerifyLedgerOptions = {}): LedgerVerifyResult {
  const table = new LedgerTable(db);
  const headRow = table.head();
  const head = headRow ? { seq: headRow.seq, hash: headRow.hash } : null;
  let genesis: { keyId: string; key: KeyObject } | undefined;
  let last: LedgerRow | undefined;
  let problem: Problem | undefined;
  let failed: RowCheck | undefined;

  for (const row of table.iterate()) {
    const expectedSeq = last ? last.seq + 1 : 1;
    if (row.seq !== expectedSeq) {
      problem = missing(expectedSeq, row.seq, last);
      break;
    }
    if (row.seq === 1) {
      const introduced = checkGenesis(row, options.trustedKeyId);
      if ('code' in introduced) {
        problem = introduced;
        break;
      }
      genesis = introduced;
    }
    const check = checkRow(row, last, expectedSeq, genesis);
    if (check.malformed || !check.hashOk || !check.linkOk || !check.keyKnown || !check.signatureOk) {
      failed = check;
      break;
    }
    if (options.anchor && row.seq === options.anchor.seq && row.hash !== options.anchor.hash) {
      problem = {
        seq: row.seq,
        code: 'anchor-mismatch',
        reason: `entry ${row.seq} is not the entry anchored as ${options.anchor.hash.slice(0, 12)}…: the ledger was rewritten from here`,
      };
      break;
    }
    last = row;
  }
  // Diagnosis reads other rows, which the open iterator would not allow.
  if (failed) problem = diagnose(table, failed, headRow?.seq);
  problem ??= checkEnd(last, headRow, genesis, options);

  return {
    ok: problem === undefined,
    entries: table.count(),
    head,
    keyId: genesis?.keyId ?? null,
    firstBad: problem ?? null,
  };
}

function checkGenesis(
  row: LedgerRow,
  trustedKeyId: string | undefined,
): { keyId: string; key: KeyObject } | Problem {
  const bad = (reason: string): Problem => ({ seq: 1, code: 'bad-genesis', reason });
  if (row.kind !== 'ledger-created')
    return bad(
      `entry 1 is a ${row.kind} entry, not the ledger-created entry that introduces the signing key`,
    );
  if (row.prev_hash !== GENESIS_PREV_HASH)
    return bad('entry 1 does not start the chain (its previous hash is not zero)');
  const data = rowBody(row)?.data as { publicKey?: unknown; keyId?: unknown } | undefined;
  const key = typeof data?.publicKey === 'string' ? parsePublicKey(data.publicKey) : undefined;
  if (!key || typeof data?.publicKey !== 'string')
    return bad('entry 1 does not carry a valid Ed25519 public key');
  const keyId = keyIdOf(data.publicKey);
  if (data.keyId !== keyId || row.key_id !== keyId)
    return bad('entry 1 names a key id that does not match its public key');
  if (trustedKeyId !== undefined && keyId !== trustedKeyId) {
    return {
      seq: 1,
      code: 'wrong-key',
      reason: `entry 1 introduces key ${keyId}, but this store's ledger key is ${trustedKeyId}: the ledger was re-created with another key`,
    };
  }
  return { keyId, key };
}

function checkRow(
  row: LedgerRow,
  prev: LedgerRow | undefined,
  expectedSeq: number,
  genesis: { keyId: string; key: KeyObject } | undefined,
): RowCheck {
  const body = rowBody(row);
  const hashOk = body !== undefined && hashBody(body) === row.hash;
  const keyKnown = genesis !== undefined && row.key_id === genesis.keyId;
  return {
    row,
    prev,
    expectedSeq,
    malformed: body === undefined,
    hashOk,
    linkOk: row.prev_hash === (prev ? prev.hash : GENESIS_PREV_HASH),
    keyKnown,
    signatureOk:
      keyKnown && verifySignature(genesis.key, SIGNATURE_PURPOSES.ledgerEntry, row.hash, row.signature),
  };
}

/** Turns the first failed check into the most specific explanation the other rows support. */
function diagnose(table: LedgerTable, check: RowCheck, headSeq: number | undefined): Problem {
  const { row, prev } = check;
  const n = row.seq;
  const after = prev ? `entry ${prev.seq}` : 'the start';
  if (check.malformed) return { seq: n, code: 'malformed', reason: `entry ${n}'s data is not valid JSON` };
  if (!check.hashOk) {
    const writtenAs = originalSeq(row);
    if (writtenAs !== undefined && writtenAs > n) {
      const linked = table.seqOfHash(row.prev_hash);
      if (linked !== undefined && linked > n) {
        return {
          seq: n,
          code: 'reordered',
          reason: `entry ${n} holds what was written as entry ${writtenAs}: entries were reordered`,
        };
      }
      const gone = writtenAs - n;
      return {
        seq: n,
        code: 'missing-entries',
        reason: `entry ${n} holds what was written as entry ${writtenAs}: ${gone} entr${gone === 1 ? 'y' : 'ies'} before it were deleted and the rest renumbered`,
      };
    }
    if (writtenAs !== undefined) {
      return {
        seq: n,
        code: 'inserted',
        reason: `entry ${n} holds what was written as entry ${writtenAs}: entries were inserted before it`,
      };
    }
    if (wasInserted(table, row, prev)) return inserted(n, after);
    return {
      seq: n,
      code: 'edited',
      reason: `entry ${n} was changed after it was written: its content no longer matches its hash`,
    };
  }
  if (!check.linkOk) {
    const linked = table.seqOfHash(row.prev_hash);
    if (linked !== undefined && linked > n) {
      return {
        seq: n,
        code: 'reordered',
        reason: `entry ${n} was written after entry ${linked}, which now comes later: entries were reordered`,
      };
    }
    if (linked !== undefined && linked < n - 1) {
      return {
        seq: n,
        code: 'inserted',
        reason: `entry ${n} was written to follow entry ${linked}: entries ${linked + 1}–${n - 1} were inserted`,
      };
    }
    return {
      seq: n,
      code: 'broken-link',
      reason: `entry ${n} does not follow ${after}: the entry it was written after was deleted or replaced`,
    };
  }
  if (headSeq !== undefined && n > headSeq) {
    return {
      seq: n,
      code: 'inserted',
      reason: `entry ${n} was added after the signed head (entry ${headSeq}) without the ledger key`,
    };
  }
  if (!check.keyKnown) {
    return {
      seq: n,
      code: 'unknown-key',
      reason: `entry ${n} is signed by key ${row.key_id}, which the ledger never introduced (a wrong key)`,
    };
  }
  if (wasInserted(table, row, prev)) return inserted(n, after);
  return {
    seq: n,
    code: 'bad-signature',
    reason: `entry ${n}'s signature does not verify with the ledger key: it was edited and re-hashed, or forged`,
  };
}

/** The position an entry was hashed at, if it was moved (its hash fits another seq nearby). */
function originalSeq(row: LedgerRow): number | undefined {
  for (let d = 1; d <= RENUMBER_SEARCH; d++) {
    for (const seq of [row.seq + d, row.seq - d]) {
      const body = seq >= 1 ? rowBody(row, seq) : undefined;
      if (body && hashBody(body) === row.hash) return seq;
    }
  }
  return undefined;
}

/** An entry slipped in: the entry after it was written to follow the one before it. */
function wasInserted(table: LedgerTable, row: LedgerRow, prev: LedgerRow | undefined): boolean {
  const next = table.bySeq(row.seq + 1);
  return next !== undefined && next.prev_hash === (prev ? prev.hash : GENESIS_PREV_HASH);
}

function inserted(n: number, after: string): Problem {
  return {
    seq: n,
    code: 'inserted',
    reason: `entry ${n} was inserted: it is not signed by the ledger key, and the entry after it was written to follow ${after}`,
  };
}

function missing(expected: number, found: number, last: LedgerRow | undefined): Problem {
  const range = found - 1 > expected ? `entries ${expected}–${found - 1} are` : `entry ${expected} is`;
  return {
    seq: expected,
    code: 'missing-entries',
    reason: `${range} missing (deleted): ${last ? `entry ${last.seq}` : 'the start'} is followed by entry ${found}`,
  };
}

/** Checks at the end of a sound chain: the signed head, an empty ledger, an anchor past the end. */
function checkEnd(
  last: LedgerRow | undefined,
  head: { seq: number; hash: string; key_id: string; signature: string } | undefined,
  genesis: { keyId: string; key: KeyObject } | undefined,
  options: VerifyLedgerOptions,
): Problem | undefined {
  if (!last || !genesis) {
    if (head) {
      return {
        seq: 1,
        code: 'truncated',
        reason: `every entry is missing: the signed head names ${head.seq} entries`,
      };
    }
    if (options.keyExists) {
      return {
        seq: 1,
        code: 'truncated',
        reason: 'the ledger is empty but this store has a ledger key: every entry was deleted',
      };
    }
    if (options.anchor) return anchorPastEnd(0, options.anchor.seq);
    return undefined;
  }
  if (!head) {
    return {
      seq: last.seq + 1,
      code: 'head-invalid',
      reason: `the signed head is missing: entries after ${last.seq} may have been deleted`,
    };
  }
  const headOk =
    head.key_id === genesis.keyId &&
    verifySignature(
      genesis.key,
      SIGNATURE_PURPOSES.ledgerHead,
      headMessage(head.seq, head.hash),
      head.signature,
    );
  if (!headOk) {
    return {
      seq: last.seq + 1,
      code: 'head-invalid',
      reason: 'the head checkpoint is not signed by the ledger key: it was edited',
    };
  }
  if (head.seq > last.seq) {
    const range =
      head.seq > last.seq + 1 ? `entries ${last.seq + 1}–${head.seq} are` : `entry ${head.seq} is`;
    return {
      seq: last.seq + 1,
      code: 'truncated',
      reason: `${range} missing (deleted from the end): the signed head names ${head.seq} entries`,
    };
  }
  if (head.seq < last.seq) {
    return {
      seq: head.seq + 1,
      code: 'inserted',
      reason: `entry ${head.seq + 1} was added after the signed head (entry ${head.seq}) without updating it`,
    };
  }
  if (head.hash !== last.hash) {
    return {
      seq: last.seq,
      code: 'head-invalid',
      reason: `entry ${last.seq} is not the entry the signed head names`,
    };
  }
  if (options.anchor && options.anchor.seq > last.seq) return anchorPastEnd(last.seq, options.anchor.seq);
  return undefined;
}

function anchorPastEnd(lastSeq: number, anchorSeq: number): Problem {
  return {
    seq: lastSeq + 1,
    code: 'anchor-mismatch',
    reason: `the anchored entry ${anchorSeq} is missing: the ledger ends at ${lastSeq} (truncated, or restored from an older copy)`,
  };
}
