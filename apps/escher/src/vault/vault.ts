import { UnexpectedError, UserError } from '@escher/protocol';
import type { SqliteDatabase } from '../store/database/sqlite.ts';
import type { Clock, Store, StoreKey } from '../store/index.ts';
import {
  deriveVaultKey,
  kdfFor,
  newSalt,
  open,
  seal,
  secretAad,
  type Sealed,
  type VaultKdf,
} from './vault-cipher.ts';
import { createRedactor, type Redactor } from './redact.ts';

/** What a vault is opened on: the store's connection and the store's key. */
export interface VaultOptions {
  /** The encrypted store's connection (`Store.database()`); the vault's tables live there. */
  db: SqliteDatabase;
  /** The store's key (`Store.resolveKey()`), from which the vault key is derived. */
  storeKey: StoreKey;
  clock: Clock;
}

interface MetaRow {
  kdf: string;
  salt: Buffer;
  check_nonce: Buffer;
  check_ciphertext: Buffer;
  check_tag: Buffer;
}

interface SecretRow {
  owner: string;
  field: string;
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

const CHECK_PLAINTEXT = 'escher-vault-key-check-v1';
const CHECK_AAD = Buffer.from('escher-vault/v1\u0000key-check', 'utf8');

/**
 * Escher's credential vault (SPEC sections 2 and 9): each secret sealed with AES-256-GCM under a
 * fresh random 96-bit nonce, with the owner (an account name) and field name as additional
 * authenticated data, in the `vault_secrets` table of the encrypted store. The vault key is
 * HKDF-SHA256 of the store key (kept in the OS keychain when there is one, else a passphrase or
 * a 0600 key file), so there is one secret to guard, and a secret is encrypted twice at rest.
 *
 * A wrong key is refused as `vault-key-invalid` (a sealed check value fails to open); a row whose
 * bytes were changed or moved to another owner is refused as `vault-secret-tampered`, naming it.
 *
 * @example
 * const vault = await Vault.open({ db: store.database(), storeKey: await store.resolveKey(), clock });
 * vault.put('prod-aws', { secretAccessKey: '…' });
 * vault.get('prod-aws'); // { secretAccessKey: '…' }
 */
export class Vault {
  private redactorCache: { version: number; redactor: Redactor } | undefined;
  private localVersion = 0;
  private keyCache: Buffer | undefined;

  private constructor(
    private readonly db: SqliteDatabase,
    private readonly storeKey: StoreKey,
    private readonly meta: MetaRow,
    private readonly clock: Clock,
  ) {}

  /**
   * Opens the vault, creating its salt and key check the first time. The key is derived on first
   * use (a passphrase costs a scrypt stretch), so listing field names never pays for it.
   */
  static open(options: VaultOptions): Vault {
    const { db, storeKey, clock } = options;
    let meta = readMeta(db);
    let created: Buffer | undefined;
    if (!meta) {
      const kdf = kdfFor(storeKey);
      const salt = newSalt();
      created = derive(storeKey, kdf, salt);
      const check = seal(created, CHECK_PLAINTEXT, CHECK_AAD);
      // Two processes may create the vault at once: the first insert wins, the other reads it.
      db.prepare(
        `INSERT OR IGNORE INTO vault_meta (id, kdf, salt, check_nonce, check_ciphertext, check_tag, created_at)
         VALUES (1, ?, ?, ?, ?, ?, ?)`,
      ).run(JSON.stringify(kdf), salt, check.nonce, check.ciphertext, check.tag, clock.now());
      meta = readMeta(db);
      if (!meta) throw new UnexpectedError('vault-meta-missing', 'The vault could not be created.');
      if (!meta.salt.equals(salt)) created = undefined;
    }
    const vault = new Vault(db, storeKey, meta, clock);
    vault.keyCache = created;
    return vault;
  }

  /** Proves now, rather than at the first secret read or written, that the store key opens the vault. */
  verifyKey(): void {
    this.key();
  }

  /** The vault of an open store, keyed from the store's own key. */
  static async forStore(store: Store, clock: Clock): Promise<Vault> {
    return Vault.open({ db: store.database(), storeKey: await store.resolveKey(), clock });
  }

  /** Replaces every secret field of `owner` (an account name) with `fields`, in one transaction. */
  put(owner: string, fields: Readonly<Record<string, string>>): void {
    const remove = this.db.prepare('DELETE FROM vault_secrets WHERE owner = ?');
    const insert = this.db.prepare(
      'INSERT INTO vault_secrets (owner, field, nonce, ciphertext, tag, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const now = this.clock.now();
    this.db.transaction(() => {
      remove.run(owner);
      for (const [field, value] of Object.entries(fields)) {
        const sealed = seal(this.key(), value, secretAad(owner, field));
        insert.run(owner, field, sealed.nonce, sealed.ciphertext, sealed.tag, now);
      }
    })();
    this.localVersion++;
  }

  /** Every secret field of `owner`, decrypted; empty when it has none. */
  get(owner: string): Record<string, string> {
    const rows = this.db
      .prepare(
        'SELECT owner, field, nonce, ciphertext, tag FROM vault_secrets WHERE owner = ? ORDER BY field',
      )
      .all(owner) as SecretRow[];
    return Object.fromEntries(rows.map((row) => [row.field, this.openRow(row)]));
  }

  /** Field names only, for listings: no decryption. */
  fields(owner: string): string[] {
    return (
      this.db.prepare('SELECT field FROM vault_secrets WHERE owner = ? ORDER BY field').all(owner) as {
        field: string;
      }[]
    ).map((r) => r.field);
  }

  /** Whether `owner` has any secret, without decrypting it. */
  has(owner: string): boolean {
    return this.db.prepare('SELECT 1 FROM vault_secrets WHERE owner = ? LIMIT 1').get(owner) !== undefined;
  }

  /** Deletes every secret of `owner`; returns how many fields were removed. */
  remove(owner: string): number {
    const changes = this.db.prepare('DELETE FROM vault_secrets WHERE owner = ?').run(owner).changes;
    this.localVersion++;
    return changes;
  }

  /** Owners that have secrets. */
  owners(): string[] {
    return (
      this.db.prepare('SELECT DISTINCT owner FROM vault_secrets ORDER BY owner').all() as { owner: string }[]
    ).map((r) => r.owner);
  }

  /**
   * A redactor that knows every secret in the vault, refreshed when this or another process
   * changed the vault. For the engine's output, logs and the ledger.
   */
  redactor(): Redactor {
    const version = this.localVersion * 1_000_003 + Number(this.db.pragma('data_version', { simple: true }));
    if (this.redactorCache?.version !== version) {
      const rows = this.db
        .prepare('SELECT owner, field, nonce, ciphertext, tag FROM vault_secrets')
        .all() as SecretRow[];
      this.redactorCache = { version, redactor: createRedactor(rows.map((row) => this.openRow(row))) };
    }
    return this.redactorCache.redactor;
  }

  /** `text` with every vault secret and every recognisable secret shape replaced by `[REDACTED]`. */
  redactSecrets(text: string): string {
    return this.redactor().redact(text);
  }

  private key(): Buffer {
    if (this.keyCache) return this.keyCache;
    const { meta, storeKey } = this;
    const key = deriveVaultKey(storeKey, JSON.parse(meta.kdf) as VaultKdf, meta.salt);
    const sealed = { nonce: meta.check_nonce, ciphertext: meta.check_ciphertext, tag: meta.check_tag };
    if (!key || open(key, sealed, CHECK_AAD) !== CHECK_PLAINTEXT) {
      throw new UserError(
        'vault-key-invalid',
        `The vault cannot be opened with the key from ${storeKey.source}: it was sealed with a different key.`,
        {
          hint: 'Use the key the store was created with (same ESCHER_PASSPHRASE, key file or keychain entry); if it is lost, remove the accounts and add them again.',
        },
      );
    }
    this.keyCache = key;
    return key;
  }

  private openRow(row: SecretRow): string {
    const sealed: Sealed = { nonce: row.nonce, ciphertext: row.ciphertext, tag: row.tag };
    const value = open(this.key(), sealed, secretAad(row.owner, row.field));
    if (value === undefined) {
      throw new UserError(
        'vault-secret-tampered',
        `The vault secret '${row.field}' of '${row.owner}' failed its integrity check (changed, corrupted or moved from another account).`,
        {
          hint: `Remove and re-add the account '${row.owner}' to store the secret again.`,
        },
      );
    }
    return value;
  }
}

function readMeta(db: SqliteDatabase): MetaRow | undefined {
  return db
    .prepare('SELECT kdf, salt, check_nonce, check_ciphertext, check_tag FROM vault_meta WHERE id = 1')
    .get() as MetaRow | undefined;
}

function derive(storeKey: StoreKey, kdf: VaultKdf, salt: Buffer): Buffer {
  const key = deriveVaultKey(storeKey, kdf, salt);
  if (!key) throw new UnexpectedError('vault-kdf-mismatch', 'The vault KDF does not fit the store key.');
  return key;
}
