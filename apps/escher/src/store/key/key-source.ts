/**
 * The secret that unlocks the store. Random keys (keychain, key file) are used as raw 256-bit
 * AEGIS-256 keys; a passphrase goes through SQLite3 Multiple Ciphers' own KDF for that cipher,
 * Argon2id (`PASSPHRASE_KDF`), with the random salt kept in the database header.
 */
export type StoreKey =
  { kind: 'raw'; bytes: Buffer; source: string } | { kind: 'passphrase'; passphrase: string; source: string };

/** What a key source is told about the store it unlocks. */
export interface KeyRequest {
  /** Absolute path of the database file. */
  storePath: string;
  /** False when the store is about to be created: sources may then create a new key. */
  storeExists: boolean;
}

/**
 * Somewhere a store key can come from. `resolve` returns undefined when this source has nothing
 * to offer (no keychain, variable unset, no key file), so a chain can try the next one; it throws
 * a UserError when the source exists but is unusable (a key file readable by others).
 */
export interface KeySource {
  /** Human description used in errors and hints: `OS keychain`, `ESCHER_PASSPHRASE`, a path. */
  readonly description: string;
  resolve(request: KeyRequest): Promise<StoreKey | undefined>;
}

/** Length of the random keys Escher generates: 256 bits. */
export const RAW_KEY_BYTES = 32;

/**
 * Argon2id cost applied to `ESCHER_PASSPHRASE`: 64 MiB of memory, 3 passes, 1 lane (above
 * OWASP's minimum of 19 MiB × 2; about 0.1–0.3 s per open). The parameters are not stored in the
 * file, so they are part of its format: changing them makes existing passphrase stores unreadable.
 */
export const PASSPHRASE_KDF = { name: 'argon2id', memoryKiB: 65_536, passes: 3, lanes: 1 } as const;
