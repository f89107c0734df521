import { createHash, timingSafeEqual } from 'node:crypto';
import { UserError } from '@escher/protocol';

/** Who a valid key belongs to. `keyId` is a short hash prefix: safe to log, the rate-limit key. */
export interface KeyIdentity {
  tenant: string;
  keyId: string;
}

/** The tenants' API keys, held only as SHA-256 digests. */
export interface ApiKeyRing {
  identify(presented: string): KeyIdentity | undefined;
  readonly size: number;
}

/** Keys shorter than this are refused at start: they could be guessed. */
export const MIN_KEY_LENGTH = 16;

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Builds the key ring from `tenant:key` pairs. Keys are hashed at once and the plain text is not
 * kept, so a heap dump shows no usable key; a presented key is hashed and compared against
 * every digest with `timingSafeEqual` (no early exit), so timing tells nothing about how much of
 * a key matched or which tenant exists.
 *
 * @example
 * const ring = createApiKeyRing([{ tenant: 'acme', key: process.env.ACME_KEY! }]);
 * ring.identify(presented)?.tenant; // 'acme'
 */
export function createApiKeyRing(keys: readonly { tenant: string; key: string }[]): ApiKeyRing {
  const entries = keys.map(({ tenant, key }) => {
    if (key.length < MIN_KEY_LENGTH) {
      throw new UserError(
        'server-key-too-short',
        `The API key of tenant "${tenant}" is shorter than ${MIN_KEY_LENGTH} characters`,
        {
          hint: 'Generate one with: openssl rand -hex 32',
        },
      );
    }
    const digest = sha256(key);
    return { tenant, digest, keyId: digest.subarray(0, 6).toString('hex') };
  });
  return {
    size: entries.length,
    identify(presented) {
      const digest = sha256(presented);
      let found: KeyIdentity | undefined;
      for (const entry of entries) {
        if (timingSafeEqual(entry.digest, digest) && !found)
          found = { tenant: entry.tenant, keyId: entry.keyId };
      }
      return found;
    },
  };
}

/**
 * Reads `ESCHER_SERVER_KEYS`: comma-separated `tenant:key` pairs (`acme:3f9…,globex:a71…`).
 * A malformed entry is an error naming its position, never its text (it holds a key).
 */
export function parseServerKeys(value: string | undefined): { tenant: string; key: string }[] {
  if (!value || value.trim() === '') return [];
  return value.split(',').map((entry, index) => {
    const at = entry.indexOf(':');
    const tenant = entry.slice(0, at).trim();
    const key = entry.slice(at + 1).trim();
    if (at <= 0 || key === '' || !/^[A-Za-z0-9._-]{1,64}$/.test(tenant)) {
      throw new UserError('server-keys-invalid', `ESCHER_SERVER_KEYS entry ${index + 1} is not tenant:key`, {
        hint: 'Write ESCHER_SERVER_KEYS=tenant1:key1,tenant2:key2 (tenant: letters, digits, . _ -)',
      });
    }
    return { tenant, key };
  });
}
