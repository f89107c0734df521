import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scryptSync } from 'node:crypto';
import type { StoreKey } from '../store/index.ts';

/** AES-256-GCM: a 256-bit key, a random 96-bit nonce per secret, a 128-bit tag. */
export const VAULT_CIPHER = 'aes-256-gcm';
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** The HKDF `info` that makes the vault key distinct from any other key derived from the store key. */
const HKDF_INFO = 'escher vault aes-256-gcm v1';

/**
 * scrypt cost for a passphrase-keyed store: 32 MiB, ~50–100 ms. The vault lives inside the
 * AEGIS-256-encrypted store, whose Argon2id already guards the passphrase; this second stretch
 * only matters for vault rows copied out of a decrypted store.
 */
export const PASSPHRASE_SCRYPT = { N: 32_768, r: 8, p: 1 } as const;

/** How the vault key is made from the store key; kept in `vault_meta.kdf` as JSON. */
export type VaultKdf =
  { ikm: 'raw'; hkdf: 'sha256' } | { ikm: 'scrypt'; N: number; r: number; p: number; hkdf: 'sha256' };

/** One sealed value: what a vault row stores. */
export interface Sealed {
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** The KDF a store key calls for: raw random keys go straight to HKDF, passphrases are stretched first. */
export function kdfFor(key: StoreKey): VaultKdf {
  return key.kind === 'raw'
    ? { ikm: 'raw', hkdf: 'sha256' }
    : { ikm: 'scrypt', ...PASSPHRASE_SCRYPT, hkdf: 'sha256' };
}

/**
 * The vault key: HKDF-SHA256 over the store key (a passphrase is scrypt-stretched first) with
 * the vault's random salt. Returns undefined when the store key's kind does not fit the KDF the
 * vault was made with, which can only mean a different key.
 */
export function deriveVaultKey(key: StoreKey, kdf: VaultKdf, salt: Buffer): Buffer | undefined {
  let ikm: Buffer;
  if (kdf.ikm === 'raw') {
    if (key.kind !== 'raw') return undefined;
    ikm = key.bytes;
  } else {
    if (key.kind !== 'passphrase') return undefined;
    ikm = scryptSync(key.passphrase.normalize('NFC'), salt, KEY_BYTES, {
      N: kdf.N,
      r: kdf.r,
      p: kdf.p,
      maxmem: 256 * kdf.N * kdf.r,
    });
  }
  return Buffer.from(hkdfSync('sha256', ikm, salt, HKDF_INFO, KEY_BYTES));
}

/** A fresh random salt for a new vault. */
export function newSalt(): Buffer {
  return randomBytes(32);
}

/**
 * The additional authenticated data of one secret: it binds the ciphertext to its owner and
 * field, so a ciphertext moved to another row (another account's secret) fails to open.
 */
export function secretAad(owner: string, field: string): Buffer {
  return Buffer.from(`escher-vault/v1\u0000${owner}\u0000${field}`, 'utf8');
}

/** Encrypts one value under a new random nonce. */
export function seal(key: Buffer, plaintext: string, aad: Buffer): Sealed {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(VAULT_CIPHER, key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { nonce, ciphertext, tag: cipher.getAuthTag() };
}

/** Decrypts one value; undefined when the tag does not verify (wrong key, changed bytes, moved row). */
export function open(key: Buffer, sealed: Sealed, aad: Buffer): string | undefined {
  if (sealed.nonce.length !== NONCE_BYTES || sealed.tag.length !== TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv(VAULT_CIPHER, key, sealed.nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
