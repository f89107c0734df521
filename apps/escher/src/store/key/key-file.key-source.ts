import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '@escher/protocol';
import { RAW_KEY_BYTES, type KeySource, type StoreKey } from './key-source.ts';

/** The key file's name inside `$ESCHER_HOME`. */
export const KEY_FILE_NAME = 'store.key';

const KEY_PATTERN = /^[0-9a-f]{64}$/;

/**
 * A random 256-bit key kept hex-encoded in a file only its owner may read (0600), created the
 * first time a store is created. A key file that others can read or write is refused, because
 * whoever reads it can decrypt the store.
 */
export function keyFileKeySource(path: string, platform: NodeJS.Platform = process.platform): KeySource {
  return {
    description: `key file ${path}`,
    // async, so a refused key file is a rejected promise like every other key-source failure.
    resolve: async ({ storeExists }) => {
      const existing = readKeyFile(path, platform);
      if (existing) return existing;
      // A missing key file for an existing store means the key is lost: never mint a new one.
      if (storeExists) return undefined;
      return createKeyFile(path, platform);
    },
  };
}

function readKeyFile(path: string, platform: NodeJS.Platform): StoreKey | undefined {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw new UserError('store-key-file-unreadable', `Cannot read the store key file ${path}.`, {
      cause: error,
      hint: 'Check that the file belongs to you and that its directory is readable.',
    });
  }
  // POSIX permission bits mean nothing on Windows, where the user profile's ACL protects the file.
  if (platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new UserError(
      'store-key-file-permissions',
      `The store key file ${path} is accessible by other users (mode ${(mode & 0o777).toString(8).padStart(4, '0')}).`,
      { hint: `Run: chmod 600 ${path}` },
    );
  }
  const text = readFileSync(path, 'utf8').trim().toLowerCase();
  if (!KEY_PATTERN.test(text)) {
    throw new UserError(
      'store-key-file-invalid',
      `The store key file ${path} does not hold a 256-bit hex key.`,
      {
        hint: 'Restore the key file from a backup; if the key is lost, move the store aside and sync again.',
      },
    );
  }
  return { kind: 'raw', bytes: Buffer.from(text, 'hex'), source: `key file ${path}` };
}

function createKeyFile(path: string, platform: NodeJS.Platform): StoreKey {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const bytes = randomBytes(RAW_KEY_BYTES);
  try {
    writeFileSync(path, `${bytes.toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      const existing = readKeyFile(path, platform);
      if (existing) return existing;
    }
    throw new UserError('store-key-file-unwritable', `Cannot create the store key file ${path}.`, {
      cause: error,
      hint: 'Check that ESCHER_HOME is writable, or set ESCHER_PASSPHRASE.',
    });
  }
  return { kind: 'raw', bytes, source: `key file ${path}` };
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}
