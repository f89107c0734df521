import type { Resource } from '@escher/protocol';
import { mapLimit } from '@escher/provider-api';
import type { GcpContext } from '../context.ts';
import { listCryptoKeys } from './list-crypto-keys.ts';
import { listKeyRings } from './list-key-rings.ts';
import { listKmsLocations } from './list-kms-locations.ts';
import { normaliseCryptoKey } from './normalise-crypto-key.ts';

/** Locations whose key rings are listed at once; the gate still paces each call. */
const LOCATION_CONCURRENCY = 8;

/**
 * Every crypto key of the project. KMS has no cross-location list, so this walks locations →
 * key rings (in parallel) → crypto keys, yielding each key ring's keys as a page.
 */
export async function* discoverCryptoKeys(ctx: GcpContext): AsyncGenerator<Resource[]> {
  const locations = await listKmsLocations(ctx);
  const rings = (
    await mapLimit(locations, LOCATION_CONCURRENCY, async (location) => listKeyRings(ctx, location))
  ).flat();
  for (const ring of rings)
    for await (const page of listCryptoKeys(ctx, ring))
      yield page.map((k) => normaliseCryptoKey(k, ctx.project));
}
