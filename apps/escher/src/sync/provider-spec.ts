import { readFileSync } from 'node:fs';
import { UserError, type Cloud } from '@escher/protocol';
import type { Provider, ProviderSettings } from '@escher/provider-api';
import type { AwsCredentials } from '@escher/provider-aws';
import type { AzureCredentials } from '@escher/provider-azure';
import type { GcpCredentials } from '@escher/provider-gcp';
import { resolveCredentials, type AccountConfig } from '../cli/accounts-file.ts';
import type { Vault } from '../vault/index.ts';

/**
 * What one configured account's provider is built from: plain data, so it can be handed to a
 * scan worker thread (structured clone, within this process). Holds the account's secrets.
 */
export interface ProviderSpec {
  /** The configured account's name (`escher accounts list`). */
  name: string;
  cloud: Cloud;
  credentials: Record<string, unknown>;
  settings: ProviderSettings;
}

/**
 * The provider spec of a configured account, its secrets read back from the vault (a tampered
 * secret fails here, plainly, naming the account). The simulator is reached only through
 * `endpoint` and `caFile`, as any other cloud endpoint would be.
 */
export function providerSpecOf(account: AccountConfig, vault: Vault): ProviderSpec {
  return {
    name: account.name,
    cloud: account.cloud,
    credentials: resolveCredentials(vault, account),
    settings: {
      ...(account.endpoint ? { endpoint: account.endpoint } : {}),
      ...(account.caFile ? { caCert: readCaFile(account.caFile) } : {}),
    },
  };
}

/**
 * Builds the provider of a spec. Each provider package pulls in its cloud's SDK (up to 1.5 s and
 * 250 MB), so only the clouds a sync scans are imported, each where it scans.
 */
export async function loadProvider(spec: ProviderSpec): Promise<Provider> {
  switch (spec.cloud) {
    case 'aws': {
      const { awsProvider } = await import('@escher/provider-aws');
      // The scanner's limiter retries; SDK retries would hide throttling from it.
      return awsProvider.create(spec.credentials as unknown as AwsCredentials, {
        ...spec.settings,
        maxAttempts: 1,
      });
    }
    case 'azure': {
      const { azureProvider } = await import('@escher/provider-azure');
      return azureProvider.create(spec.credentials as unknown as AzureCredentials, spec.settings);
    }
    case 'gcp': {
      const { gcpProvider } = await import('@escher/provider-gcp');
      return gcpProvider.create(spec.credentials as unknown as GcpCredentials, spec.settings);
    }
  }
}

/** Releases what a provider holds (AWS keeps SDK clients with sockets open). */
export function closeProvider(provider: Provider): void {
  const closable = provider as Partial<{ close(): void }>;
  if (typeof closable.close === 'function') closable.close();
}

function readCaFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError('ca-file-unreadable', `Cannot read the CA file ${path}`, {
      hint: 'Pass a readable PEM file with --ca-file',
      cause: error,
    });
  }
}
