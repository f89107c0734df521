import { UnexpectedError } from '@escher/protocol';
import { RAW_KEY_BYTES, type KeySource, type StoreKey } from './key-source.ts';

/**
 * A fixed key, for tests and for callers that manage the key themselves.
 *
 * @example
 * new Store({ path, keySource: staticKeySource({ kind: 'raw', bytes: randomBytes(32) }), clock });
 */
export function staticKeySource(
  key: { kind: 'raw'; bytes: Buffer } | { kind: 'passphrase'; passphrase: string },
): KeySource {
  if (key.kind === 'raw' && key.bytes.length !== RAW_KEY_BYTES) {
    throw new UnexpectedError('store-key-length', `A raw store key must be ${RAW_KEY_BYTES} bytes.`);
  }
  const resolved: StoreKey = { ...key, source: 'a key given by the caller' };
  return { description: resolved.source, resolve: () => Promise.resolve(resolved) };
}
