import { randomBytes } from 'node:crypto';
import { RAW_KEY_BYTES, type KeySource, type StoreKey } from './key-source.ts';

/** The keychain service name Escher's entries are filed under. */
export const KEYCHAIN_SERVICE = 'escher';

/** The part of an OS keychain entry the store uses (a subset of @napi-rs/keyring's `Entry`). */
export interface KeychainEntry {
  getPassword(): string | null;
  setPassword(password: string): void;
}

/** Opens the keychain entry for an account; throws when there is no usable keychain. */
export type KeychainOpener = (service: string, account: string) => KeychainEntry | Promise<KeychainEntry>;

const KEY_PATTERN = /^[0-9a-f]{64}$/;

/**
 * The store key held in the OS keychain (macOS Keychain, Windows Credential Manager, the Secret
 * Service on Linux), created there when a store is created. Any failure to reach a keychain —
 * none installed, no D-Bus session, a locked or headless machine — makes this source quietly
 * offer nothing, so the next source (passphrase, key file) is used.
 *
 * On Linux the entry is pinned to the Secret Service: @napi-rs/keyring would otherwise fall back
 * to the kernel keyring, which forgets everything at reboot and would lose the key.
 */
export function keychainKeySource(options: { open?: KeychainOpener } = {}): KeySource {
  const open = options.open ?? openNapiKeychain;
  return {
    description: 'OS keychain',
    async resolve({ storePath, storeExists }): Promise<StoreKey | undefined> {
      const account = `store:${storePath}`;
      const source = `OS keychain (${KEYCHAIN_SERVICE}/${account})`;
      let entry: KeychainEntry;
      let stored: string | null;
      try {
        entry = await open(KEYCHAIN_SERVICE, account);
        stored = entry.getPassword();
      } catch {
        return undefined;
      }
      if (stored !== null && KEY_PATTERN.test(stored)) {
        return { kind: 'raw', bytes: Buffer.from(stored, 'hex'), source };
      }
      // The store exists but the keychain never held its key: it was keyed some other way.
      if (storeExists) return undefined;
      const bytes = randomBytes(RAW_KEY_BYTES);
      try {
        entry.setPassword(bytes.toString('hex'));
        // Read back: some backends accept a write and keep nothing.
        if (entry.getPassword() !== bytes.toString('hex')) return undefined;
      } catch {
        return undefined;
      }
      return { kind: 'raw', bytes, source };
    },
  };
}

async function openNapiKeychain(service: string, account: string): Promise<KeychainEntry> {
  // Imported lazily: a platform without a prebuilt keyring binary simply has no keychain.
  const { Entry } = await import('@napi-rs/keyring');
  return new Entry(service, account, { linux: { store: 'secret-service' } });
}
