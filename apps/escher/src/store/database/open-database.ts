import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { OperationalError, UserError } from '@escher/protocol';
import * as sqliteVec from 'sqlite-vec';
import { PASSPHRASE_KDF, type KeySource, type StoreKey } from '../key/key-source.ts';
import { Sqlite, type SqliteDatabase } from './sqlite.ts';

/**
 * The cipher every store uses: AEGIS-256, an authenticated cipher (a tampered page fails to
 * decrypt rather than reading as garbage) that runs on the CPU's AES instructions. It made
 * encryption nearly free on ingest, where ChaCha20-Poly1305 cost a quarter of the CPU time.
 */
export const STORE_CIPHER = { cipher: 'aegis', algorithm: 'aegis-256' } as const;

/**
 * Opens (or creates) the encrypted database at `path`: resolves the key, keys the connection,
 * proves the key by reading the schema before anything is written, then sets WAL and loads
 * sqlite-vec. A wrong key ends here as `store-key-invalid` with the file untouched.
 */
export async function openEncryptedDatabase(
  path: string,
  keySource: KeySource,
): Promise<{ db: SqliteDatabase; key: StoreKey }> {
  const storeExists = existsSync(path) && statSync(path).size > 0;
  const key = await keySource.resolve({ storePath: path, storeExists });
  if (!key) {
    throw new UserError('store-key-unavailable', `No key found for the encrypted store ${path}.`, {
      hint: `Looked in: ${keySource.description}.`,
    });
  }
  if (!storeExists) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });

  let db: SqliteDatabase;
  try {
    db = new Sqlite(path, { fileMustExist: storeExists });
  } catch (error) {
    throw new OperationalError('store-open-failed', `Cannot open the store ${path}.`, {
      cause: error,
      retryable: false,
      hint: 'Check that the file and its directory are readable and writable by you.',
    });
  }
  try {
    applyStoreKey(db, key);
    verifyKey(db, path, key, storeExists);
    // Only now, with the key proven, may anything touch the file.
    // 8 KB pages: ~15 % less CPU per ingested resource than 4 KB (fewer, fuller pages to encrypt
    // and fewer B-tree levels), and a smaller file. Only a new database can take it.
    if (!storeExists) db.pragma('page_size = 8192');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Sorts and temporary indexes stay in memory: temp files are not encrypted.
    db.pragma('temp_store = MEMORY');
    db.pragma('busy_timeout = 5000');
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    db.pragma('journal_size_limit = 67108864');
    db.pragma('cache_size = -65536');
    loadVectorExtension(db);
  } catch (error) {
    db.close();
    throw error;
  }
  if (!storeExists) restrictPermissions(path);
  return { db, key };
}

/**
 * Checkpoint every 64 MB of WAL rather than every 4 MB: a first sync rewrites the same index
 * pages many times, and each checkpoint copies them again (and syncs the file). While a sync
 * runs, a worker thread checkpoints instead (`WalCheckpointer`).
 */
export const WAL_AUTOCHECKPOINT_PAGES = 16_384;

/**
 * What keys a connection to the store: the cipher pragmas, in order, and the argument of
 * `db.key()`. One list for every connection — the store's own and the checkpoint worker's.
 */
export function storeKeying(key: StoreKey): { pragmas: string[]; key: Buffer } {
  // Every parameter pinned: none is stored in the file, so a changed library default must not
  // change how an existing store is read.
  const pragmas = [
    `cipher = '${STORE_CIPHER.cipher}'`,
    `algorithm = '${STORE_CIPHER.algorithm}'`,
    `mcost = ${PASSPHRASE_KDF.memoryKiB}`,
    `tcost = ${PASSPHRASE_KDF.passes}`,
    `pcost = ${PASSPHRASE_KDF.lanes}`,
  ];
  // x'…' hands the bytes to the cipher as the key itself: no KDF for a random 256-bit key.
  const secret =
    key.kind === 'raw' ? Buffer.from(`x'${key.bytes.toString('hex')}'`) : Buffer.from(key.passphrase, 'utf8');
  return { pragmas, key: secret };
}

/** Keys a fresh connection with the store's cipher settings; nothing is read yet. */
export function applyStoreKey(db: SqliteDatabase, key: StoreKey): void {
  const keying = storeKeying(key);
  for (const pragma of keying.pragmas) db.pragma(pragma);
  db.key(keying.key);
}

function verifyKey(db: SqliteDatabase, path: string, key: StoreKey, storeExists: boolean): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (storeExists && (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')) {
      throw new UserError(
        'store-key-invalid',
        `The key from ${key.source} does not open the store ${path} (wrong key, or not an Escher store).`,
        {
          cause: error,
          hint:
            'Use the key the store was created with: the same ESCHER_PASSPHRASE, the original key file in ESCHER_HOME, ' +
            'or the same OS keychain entry. If the key is lost, move the store file aside and run `escher sync` to rebuild it.',
        },
      );
    }
    throw new OperationalError('store-open-failed', `Cannot read the store ${path}.`, {
      cause: error,
      retryable: false,
    });
  }
}

function loadVectorExtension(db: SqliteDatabase): void {
  try {
    sqliteVec.load(db);
  } catch (error) {
    throw new OperationalError('store-vector-extension-missing', 'Cannot load the sqlite-vec extension.', {
      cause: error,
      retryable: false,
      hint: 'Reinstall with `npm ci`; sqlite-vec ships binaries for linux/macOS x64/arm64 and windows x64 only.',
    });
  }
}

function restrictPermissions(path: string): void {
  try {
    chmodSync(path, 0o600);
  } catch {
    // Best effort: the content is encrypted either way, and Windows ignores POSIX modes.
  }
}
