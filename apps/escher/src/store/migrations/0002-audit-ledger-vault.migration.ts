import type { Migration } from './migration.ts';

/**
 * The signed audit ledger and the credential vault (SPEC sections 2 and 9).
 *
 * `ledger_entries` is append-only: triggers refuse UPDATE and DELETE, which stops mistakes; what
 * stops intent is that each entry is hash-chained and Ed25519-signed (apps/escher/src/ledger),
 * so `escher audit verify` finds any change made with the triggers dropped. `ledger_head` is
 * the signed checkpoint of the last entry, so entries deleted from the end are found too.
 *
 * `vault_secrets` holds one AES-256-GCM ciphertext per (owner, field); `vault_meta` the vault's
 * KDF, salt and a sealed check value that tells a wrong key from a tampered secret.
 */
export const auditLedgerVaultMigration: Migration = {
  version: 2,
  name: 'audit-ledger-vault',
  up(db) {
    db.exec(`
      CREATE TABLE ledger_entries (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        actor TEXT NOT NULL,
        data TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        key_id TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        signature TEXT NOT NULL
      );
      CREATE INDEX ledger_entries_kind ON ledger_entries (kind, seq);
      CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
        BEGIN SELECT RAISE (ABORT, 'the audit ledger is append-only'); END;
      CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
        BEGIN SELECT RAISE (ABORT, 'the audit ledger is append-only'); END;

      CREATE TABLE ledger_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL,
        key_id TEXT NOT NULL,
        signature TEXT NOT NULL
      );
      CREATE TRIGGER ledger_head_no_delete BEFORE DELETE ON ledger_head
        BEGIN SELECT RAISE (ABORT, 'the audit ledger head cannot be deleted'); END;

      CREATE TABLE vault_meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        kdf TEXT NOT NULL,
        salt BLOB NOT NULL,
        check_nonce BLOB NOT NULL,
        check_ciphertext BLOB NOT NULL,
        check_tag BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE vault_secrets (
        owner TEXT NOT NULL,
        field TEXT NOT NULL,
        nonce BLOB NOT NULL,
        ciphertext BLOB NOT NULL,
        tag BLOB NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (owner, field)
      ) WITHOUT ROWID;
    `);
  },
};
