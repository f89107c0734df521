import { readFileSync } from 'node:fs';
import { UserError } from '@escher/protocol';
import type { Provider, ProviderSettings } from '@escher/provider-api';
import { awsProvider, type AwsCredentials } from '@escher/provider-aws';
import { azureProvider, type AzureCredentials } from '@escher/provider-azure';
import { gcpProvider, type GcpCredentials } from '@escher/provider-gcp';
import type { Vault } from '../vault/index.ts';
import { resolveCredentials, type AccountConfig } from './accounts-file.ts';

/**
 * Builds the provider of one configured account, its secrets read back from the vault (a
 * tampered secret fails here, plainly, naming the account). The simulator is reached only
 * through `endpoint` and `caFile`, as any other cloud endpoint would be.
 */
export function buildProvider(account: AccountConfig, vault: Vault): Provider {
  const credentials = resolveCredentials(vault, account);
  const settings: ProviderSettings = {
    ...(account.endpoint ? { endpoint: account.endpoint } : {}),
    ...(account.caFile ? { caCert: readCaFile(account.caFile) } : {}),
  };
  switch (account.cloud) {
    case 'aws':
      // The scanner's limiter retries; SDK retries would hide throttling from it.
      return awsProvider.create(credentials as unknown as AwsCredentials, { ...settings, maxAttempts: 1 });
    case 'azure':
      return azureProvider.create(credentials as unknown as AzureCredentials, settings);
    case 'gcp':
      return gcpProvider.create(credentials as unknown as GcpCredentials, settings);
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
