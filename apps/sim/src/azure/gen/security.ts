import { envToken } from '../../estate/naming.ts';
import type { IdentityRecord, VaultKey, VaultRecord } from '../records.ts';
import { T } from '../records.ts';
import { add, base, DAY_MS, draw, misconfig, nextSeq, place, type AzureGenContext } from './context.ts';

/**
 * Key vaults with their keys. A vault is recorded as security.key.no-rotation when at least one of
 * its keys has no rotation policy (`keysWithoutRotation` on the record; the keys list shows it).
 */
export function generateVaults(ctx: AzureGenContext, count: number): void {
  const rng = ctx.rng.fork('vaults');
  for (let i = 0; i < count; i++) {
    const { g, location } = place(ctx, rng);
    const seq = nextSeq(ctx, 'vault');
    const suffix = `-${rng.hex(3)}${seq}`;
    const name =
      `kv-${g.app.slice(0, 10)}-${envToken(rng, g.env)}`.slice(0, 24 - suffix.length).replace(/-+$/, '') +
      suffix;
    const b = base(ctx, rng, g, location, T.vault, name);
    const noRotation = draw(rng, 'security.key.no-rotation');
    const keyCount = noRotation ? rng.int(1, 5) : rng.int(0, 4);
    const keys: VaultKey[] = [];
    for (let k = 0; k < keyCount; k++) {
      keys.push({
        name: rng.pick(['cmk', 'disk-encryption', 'app-signing', 'backup', 'tde', 'sops']) + `-${k + 1}`,
        kty: rng.weighted([
          ['RSA', 6],
          ['EC', 2],
          ['RSA-HSM', 1],
        ] as const),
        createdAt: b.createdAt + rng.int(0, 30) * DAY_MS,
        rotation: true,
      });
    }
    if (noRotation) {
      for (const key of keys) key.rotation = rng.chance(0.3);
      keys[rng.int(0, keys.length - 1)]!.rotation = false;
    }
    const vault: VaultRecord = {
      ...b,
      type: T.vault,
      tenantId: ctx.az.tenantId,
      skuName: rng.chance(0.8) ? 'standard' : 'premium',
      softDelete: rng.chance(0.95),
      purgeProtection: rng.chance(0.5),
      rbac: rng.chance(0.6),
      publicNetworkAccess: rng.chance(0.75) ? 'Enabled' : 'Disabled',
      keys,
      keysWithoutRotation: keys.filter((k) => !k.rotation).length,
    };
    add(ctx, vault, 'security.key');
    if (noRotation) misconfig(ctx, 'security.key.no-rotation', vault.id);
  }
}

/** User-assigned managed identities (iam.role). */
export function generateIdentities(ctx: AzureGenContext, count: number): void {
  const rng = ctx.rng.fork('identities');
  for (let i = 0; i < count; i++) {
    const { g, location } = place(ctx, rng);
    const seq = nextSeq(ctx, 'identity');
    const name = rng.chance(0.5)
      ? `id-${g.app}-${envToken(rng, g.env)}-${seq}`
      : `${g.app}-${rng.pick(['identity', 'mi', 'workload'])}-${seq}`;
    const b = base(ctx, rng, g, location, T.identity, name);
    const identity: IdentityRecord = {
      ...b,
      type: T.identity,
      tenantId: ctx.az.tenantId,
      principalId: rng.uuid(),
      clientId: rng.uuid(),
    };
    add(ctx, identity, 'iam.role');
  }
}
