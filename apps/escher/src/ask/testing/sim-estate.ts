import { discoverAll, startSimProcess } from '@escher/provider-api/contract';
import type { Provider } from '@escher/provider-api';
import { awsProvider } from '@escher/provider-aws';
import { azureProvider } from '@escher/provider-azure';
import { gcpProvider } from '@escher/provider-gcp';
import { OperationalError, type Resource, type SimManifest } from '@escher/protocol';

async function discoverWithRetry(provider: Provider): Promise<Resource[]> {
  try {
    return await discoverAll(provider);
  } catch (error) {
    // One retry when a busy machine drops a connection, as the scanner's retry would.
    if (!(error instanceof OperationalError) || !error.retryable) throw error;
    return discoverAll(provider);
  }
}

/**
 * A seeded simulator estate as a sync normalises it, with the simulator's manifest (what the
 * generator planted): the ground truth of the target-set exactness figure.
 */
export async function discoverSimEstateWithManifest(options: {
  seed: number;
  size: string;
}): Promise<{ resources: Resource[]; manifest: SimManifest }> {
  const sim = await startSimProcess(['--seed', String(options.seed), '--size', options.size]);
  const aws = awsProvider.create(
    {
      kind: 'roles',
      base: { kind: 'keys', accessKeyId: 'AKIAESCHERASK0000001', secretAccessKey: 'ask' },
      roleArns: sim.manifest.accounts.aws!.map((a) => `arn:aws:iam::${a.id}:role/escher-read`),
    },
    { endpoint: sim.aws },
  );
  try {
    const azure = azureProvider.create(
      { kind: 'service-principal', tenantId: sim.azureTenantId, clientId: 'escher-ask', clientSecret: 'sim' },
      { endpoint: sim.azure, caCert: sim.caCert },
    );
    const gcp = gcpProvider.create({ kind: 'access-token', token: 'escher-ask' }, { endpoint: sim.gcp });
    const lists = await Promise.all([aws, azure, gcp].map((provider) => discoverWithRetry(provider)));
    return { resources: lists.flat(), manifest: sim.manifest };
  } finally {
    (aws as Partial<{ close(): void }>).close?.();
    await sim.stop();
  }
}
