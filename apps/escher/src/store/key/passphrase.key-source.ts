import type { KeySource } from './key-source.ts';

/** The environment variable that holds the store passphrase. */
export const PASSPHRASE_ENV = 'ESCHER_PASSPHRASE';

/**
 * The passphrase in `ESCHER_PASSPHRASE`, when set and not empty. It is stretched by the cipher's
 * Argon2id (`PASSPHRASE_KDF`), never stored.
 */
export function passphraseKeySource(env: Readonly<Record<string, string | undefined>>): KeySource {
  return {
    description: PASSPHRASE_ENV,
    resolve: () => {
      const passphrase = env[PASSPHRASE_ENV];
      return Promise.resolve(
        passphrase ? { kind: 'passphrase', passphrase, source: PASSPHRASE_ENV } : undefined,
      );
    },
  };
}
