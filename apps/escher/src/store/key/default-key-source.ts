import { join } from 'node:path';
import { keyFileKeySource, KEY_FILE_NAME } from './key-file.key-source.ts';
import type { KeySource } from './key-source.ts';
import { keySourceChain } from './key-source-chain.ts';
import { keychainKeySource, type KeychainOpener } from './keychain.key-source.ts';
import { passphraseKeySource } from './passphrase.key-source.ts';

/**
 * SPEC section 9's order: the OS keychain when one is available, else `ESCHER_PASSPHRASE`, else a
 * generated key file `$ESCHER_HOME/store.key` (0600).
 *
 * @example
 * const keySource = defaultKeySource({ home: escherHome, env: process.env });
 */
export function defaultKeySource(options: {
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  keychain?: KeychainOpener;
}): KeySource {
  return keySourceChain([
    keychainKeySource(options.keychain ? { open: options.keychain } : {}),
    passphraseKeySource(options.env),
    keyFileKeySource(join(options.home, KEY_FILE_NAME)),
  ]);
}
