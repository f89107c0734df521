import type { protos } from '@google-cloud/kms';
import type { GcpContext } from '../context.ts';
import { pages } from '../paging.ts';

type CryptoKey = protos.google.cloud.kms.v1.ICryptoKey;

/** The crypto keys of one key ring: `cryptoKeys.list`. */
export async function* listCryptoKeys(ctx: GcpContext, keyRing: string): AsyncGenerator<CryptoKey[]> {
  const client = await ctx.clients.kms();
  const call = {
    service: 'cloudkms',
    operation: 'projects.locations.keyRings.cryptoKeys.list',
  };
  yield* pages<CryptoKey>(ctx, call, async (pageToken) => {
    const [items, , response] = await client.listCryptoKeys(
      { parent: keyRing, pageSize: 1000, ...(pageToken ? { pageToken } : {}) },
      { autoPaginate: false },
    );
    return { items, next: response?.nextPageToken };
  });
}
