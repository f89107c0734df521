import {
  LedgerEventSchema,
  UnexpectedError,
  UserError,
  type LedgerEntry,
  type LedgerEvent,
  type LedgerVerifyResult,
} from '@escher/protocol';
import type { SqliteDatabase } from '../store/database/sqlite.ts';
import type { Clock } from '../store/index.ts';
import type { Vault } from '../vault/index.ts';
import { canonicalJson } from './canonical-json.ts';
import {
  GENESIS_PREV_HASH,
  hashBody,
  headMessage,
  LEDGER_FORMAT_VERSION,
  LedgerTable,
  rowBody,
  rowToEntry,
  type EntryBody,
  type LedgerRow,
} from './ledger-entry.ts';
import { SIGNATURE_PURPOSES, SigningKey, verifySignature } from './signing-key.ts';
import { verifyLedger, type VerifyLedgerOptions } from './verify-ledger.ts';

/** The vault owner under which the ledger's private key is kept (no account name has a colon). */
export const LEDGER_KEY_OWNER = 'escher:ledger-key';
const LEDGER_KEY_FIELD = 'ed25519-pkcs8';

/** What a ledger is opened on. */
export interface AuditLedgerOptions {
  /** The encrypted store's connection (`Store.database()`); the ledger's tables live there. */
  db: SqliteDatabase;
  /** Holds the signing key, and knows the secrets to redact. */
  vault: Vault;
  clock: Clock;
  /** Who acts: the local user name. */
  actor: string;
}

/**
 * The append-only audit ledger (SPEC sections 2 and 9). Each entry carries the previous entry's
 * hash, its own SHA-256 over canonical JSON, and an Ed25519 signature by the local user's key;
 * a signed head checkpoint names the last entry, so deleting entries from the end is caught
 * as surely as editing, deleting, inserting or reordering them (see `verifyLedger`).
 *
 * Appends run in an IMMEDIATE transaction — read the tail, sign, insert, move the head — so two
 * processes appending at once are serialised by SQLite's write lock and never fork the chain.
 * An append refuses to extend a tail that does not verify, so tampering cannot be papered over
 * by writing past it. Entry data passes through the vault's redactor before it is hashed:
 * secrets never enter.
 *
 * @example
 * const ledger = new AuditLedger({ db: store.database(), vault, clock: systemClock, actor: 'ana' });
 * ledger.append({ kind: 'account-removed', data: { account: 'prod-aws', cloud: 'aws' } });
 * ledger.verify().ok; // true
 */
export class AuditLedger {
  private readonly table: LedgerTable;
  private key: SigningKey | undefined;
  /** The entry and head this object wrote last: a tail still equal to them needs no signature check. */
  private lastWritten: { seq: number; hash: string; headSignature: string } | undefined;

  constructor(private readonly options: AuditLedgerOptions) {
    this.table = new LedgerTable(options.db);
  }

  /** Appends one event and returns the stored entry. Creates the key and first entry on first use. */
  append(event: LedgerEvent): LedgerEntry {
    const parsed = LedgerEventSchema.safeParse(event);
    if (!parsed.success) {
      throw new UnexpectedError(
        'ledger-event-invalid',
        `A ${event.kind} ledger event is malformed: ${parsed.error.message}`,
      );
    }
    // Redact, then round-trip through JSON so what is hashed is exactly what will be read back.
    const data = JSON.parse(JSON.stringify(this.options.vault.redactor().redactValue(event.data))) as unknown;
    const write = this.options.db.transaction((): LedgerRow => {
      const key = this.ensureStarted();
      return this.insert(key, event.kind, data);
    });
    return rowToEntry(write.immediate());
  }

  /**
   * The local user's signing key (created with the ledger's first entry if needed), for signing
   * approvals with `SIGNATURE_PURPOSES.approval`.
   */
  signingKey(): SigningKey {
    return this.options.db.transaction(() => this.ensureStarted()).immediate();
  }

  /** The newest `limit` entries (of one kind when given), oldest first. */
  list(options: { limit?: number; kind?: string } = {}): LedgerEntry[] {
    return this.table.latest(options.limit ?? 50, options.kind).map(rowToEntry);
  }

  /**
   * Verifies the whole chain (see `verifyLedger`), pinned to this store's own key when it has
   * one, so a ledger re-created under another key is caught too.
   */
  verify(options: Pick<VerifyLedgerOptions, 'anchor'> = {}): LedgerVerifyResult {
    const keyExists = this.options.vault.has(LEDGER_KEY_OWNER);
    const trustedKeyId = keyExists ? this.loadKey().keyId : undefined;
    return verifyLedger(this.options.db, {
      keyExists,
      ...(trustedKeyId ? { trustedKeyId } : {}),
      ...(options.anchor ? { anchor: options.anchor } : {}),
    });
  }

  /** Inside the write transaction: the key, after the first entry exists and the tail checks out. */
  private ensureStarted(): SigningKey {
    const last = this.table.last();
    const keyStored = this.options.vault.has(LEDGER_KEY_OWNER);
    if (!last) {
      if (keyStored || this.table.head()) {
        throw tampered('the ledger is empty, yet this store has a ledger key: its entries were deleted');
      }
      const key = SigningKey.generate();
      this.options.vault.put(LEDGER_KEY_OWNER, { [LEDGER_KEY_FIELD]: key.toPkcs8() });
      this.key = key;
      this.insert(key, 'ledger-created', {
        algorithm: 'ed25519',
        publicKey: key.publicKey,
        keyId: key.keyId,
      });
      return key;
    }
    if (!keyStored) throw tampered('the ledger has entries, but its signing key is missing from the vault');
    const key = this.loadKey();
    this.checkTail(last, key);
    return key;
  }

  private loadKey(): SigningKey {
    if (!this.key) {
      const stored = this.options.vault.get(LEDGER_KEY_OWNER)[LEDGER_KEY_FIELD];
      if (stored === undefined) throw tampered('the ledger signing key is missing from the vault');
      this.key = SigningKey.fromPkcs8(stored);
    }
    return this.key;
  }

  /**
   * A cheap guard before each append (one entry, one head): the tail must be ours and agree.
   * When the tail is still exactly what this object wrote, re-hashing it suffices — its hash
   * is the one that was signed — so a burst of appends pays for no signature verification.
   */
  private checkTail(last: LedgerRow, key: SigningKey): void {
    const body = rowBody(last);
    const head = this.table.head();
    const mine = this.lastWritten;
    const ours =
      mine !== undefined &&
      head !== undefined &&
      mine.seq === last.seq &&
      mine.hash === last.hash &&
      mine.headSignature === head.signature;
    const sound =
      body !== undefined &&
      hashBody(body) === last.hash &&
      last.key_id === key.keyId &&
      head !== undefined &&
      head.seq === last.seq &&
      head.hash === last.hash &&
      head.key_id === key.keyId &&
      (ours ||
        (verifySignature(key.publicKeyObject, SIGNATURE_PURPOSES.ledgerEntry, last.hash, last.signature) &&
          verifySignature(
            key.publicKeyObject,
            SIGNATURE_PURPOSES.ledgerHead,
            headMessage(head.seq, head.hash),
            head.signature,
          )));
    if (!sound) throw tampered(`its last entry (${last.seq}) or signed head does not verify`);
  }

  private insert(key: SigningKey, kind: string, data: unknown): LedgerRow {
    const last = this.table.last();
    const body: EntryBody = {
      v: LEDGER_FORMAT_VERSION,
      seq: (last?.seq ?? 0) + 1,
      at: new Date(this.options.clock.now()).toISOString(),
      kind,
      actor: this.options.actor,
      data,
      prevHash: last?.hash ?? GENESIS_PREV_HASH,
      keyId: key.keyId,
    };
    const hash = hashBody(body);
    const row: LedgerRow = {
      seq: body.seq,
      at: body.at,
      kind,
      actor: body.actor,
      data: canonicalJson(data),
      prev_hash: body.prevHash,
      key_id: key.keyId,
      hash,
      signature: key.sign(SIGNATURE_PURPOSES.ledgerEntry, hash),
    };
    this.table.insert(row);
    const headSignature = key.sign(SIGNATURE_PURPOSES.ledgerHead, headMessage(row.seq, hash));
    this.table.setHead({ seq: row.seq, hash, key_id: key.keyId, signature: headSignature });
    this.lastWritten = { seq: row.seq, hash, headSignature };
    return row;
  }
}

function tampered(what: string): UserError {
  return new UserError(
    'ledger-tampered',
    `The audit ledger was tampered with: ${what}. Nothing was recorded.`,
    {
      hint: 'Run `escher audit verify` to see the first bad entry; restore the store from a backup to keep recording.',
    },
  );
}
