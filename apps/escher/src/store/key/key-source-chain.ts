import { UserError } from '@escher/protocol';
import type { KeyRequest, KeySource, StoreKey } from './key-source.ts';

/**
 * Tries each source in order and returns the first key found. Fails with `store-key-unavailable`
 * when none has one, which only happens for an existing store whose key is gone.
 *
 * @example
 * const source = keySourceChain([keychainKeySource(), passphraseKeySource(process.env), keyFileKeySource(path)]);
 */
export function keySourceChain(sources: readonly KeySource[]): KeySource {
  return {
    description: sources.map((s) => s.description).join(', then '),
    async resolve(request: KeyRequest): Promise<StoreKey> {
      for (const source of sources) {
        const key = await source.resolve(request);
        if (key) return key;
      }
      throw new UserError(
        'store-key-unavailable',
        `No key found for the encrypted store ${request.storePath}.`,
        {
          hint: `Looked in: ${sources.map((s) => s.description).join('; ')}. Set ESCHER_PASSPHRASE or restore the key file; if the key is lost, move the store aside and sync again.`,
        },
      );
    },
  };
}
