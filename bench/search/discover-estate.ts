// The simulator's estate as a sync sees it: escher-sim as a child process, each cloud's provider
// discovering every account, region and service, normalised exactly as `escher sync` stores it.
import { discoverAll, startSimProcess } from '@escher/provider-api/contract';
import { awsProvider } from '@escher/provider-aws';
import { azureProvider } from '@escher/provider-azure';
import { gcpProvider } from '@escher/provider-gcp';
import type { Provider } from '@escher/provider-api';
import { OperationalError, type Resource } from '@escher/protocol';

/**
 * One retry of a provider's whole discovery when the simulator drops a connection (a busy
 * machine: Azure's Resource Graph pages are megabytes), as a scanner's retry would.
 */
async function discoverWithRetry(provider: Provider): Promise<Resource[]> {
  try {
    return await discoverAll(provider);
  } catch (error) {
    if (!(error instanceof OperationalError) || !error.retryable) throw error;
    return discoverAll(provider);
  }
}

/**
 * Discovers a seeded simulator estate through the three providers (about 20 s for `medium` on
 * two cores). Resources come back in discovery order, which is deterministic for a seed.
 */
export async function discoverSimEstate(options: { seed: number; size: string }): Promise<Resource[]> {
  const sim = await startSimProcess(['--seed', String(options.seed), '--size', options.size]);
  const aws = awsProvider.create(
    {
      kind: 'roles',
      base: { kind: 'keys', accessKeyId: 'AKIAESCHERSEARCH0001', secretAccessKey: 'search' },
      roleArns: sim.manifest.accounts.aws!.map((a) => `arn:aws:iam::${a.id}:role/escher-read`),
    },
    { endpoint: sim.aws },
  );
  try {
    const azure = azureProvider.create(
      {
        kind: 'service-principal',
        tenantId: sim.azureTenantId,
        clientId: 'escher-search',
        clientSecret: 'sim',
      },
      { endpoint: sim.azure, caCert: sim.caCert },
    );
    const gcp = gcpProvider.create({ kind: 'access-token', token: 'escher-search' }, { endpoint: sim.gcp });
    const lists = await Promise.all([aws, azure, gcp].map((provider) => discoverWithRetry(provider)));
    return lists.flat();
  } finally {
    (aws as Partial<{ close(): void }>).close?.();
    await sim.stop();
  }
}
