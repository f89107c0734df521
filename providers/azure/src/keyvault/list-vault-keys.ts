import { armContext, collectPages, type CallOptions } from '../arm/call.ts';
import { statusOf } from '../arm/azure-error.ts';
import type { AzureClients } from '../clients.ts';
import type { VaultKeysInfo } from '../normalise/key-vault.ts';

interface KeyLike {
  rotationPolicy?: { lifetimeActions?: { action?: { type?: string } }[] };
}

/** A key rotates when its rotation policy has a `rotate` lifetime action (notify-only does not). */
function rotates(key: KeyLike): boolean {
  return (key.rotationPolicy?.lifetimeActions ?? []).some(
    (a) => (a.action?.type ?? '').toLowerCase() === 'rotate',
  );
}

/** How many keys a vault holds and how many of them never rotate. */
export function summariseKeys(keys: readonly KeyLike[]): VaultKeysInfo {
  return { keyCount: keys.length, keysWithoutRotation: keys.filter((k) => !rotates(k)).length };
}

/**
 * The keys of one vault through ARM (GET …/vaults/{v}/keys, paged; management plane, so Reader
 * suffices and no data-plane access policy is needed), summarised for rotation. Undefined when
 * the vault's keys cannot be read (no permission, vault gone since Graph's snapshot).
 */
export async function listVaultKeys(
  clients: AzureClients,
  subscriptionId: string,
  vault: { resourceGroup: string; name: string },
  options: CallOptions,
): Promise<VaultKeysInfo | undefined> {
  try {
    const keys = await collectPages(options, armContext(subscriptionId, 'keys.list'), () =>
      clients
        .keyVault(subscriptionId)
        .keys.list(vault.resourceGroup, vault.name, { abortSignal: options.signal })
        .byPage(),
    );
    return summariseKeys(keys);
  } catch (error) {
    if (statusOf(error) === 403 || statusOf(error) === 404) return undefined;
    throw error;
  }
}
