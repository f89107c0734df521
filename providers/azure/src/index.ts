import type { ProviderFactory } from '@escher/provider-api';
import { AzureClients } from './clients.ts';
import { buildCredential, type AzureCredentials } from './credentials.ts';
import { AzureProvider } from './provider.ts';
import { CAPABILITIES } from './services.ts';

export type { AzureCredentials } from './credentials.ts';
export { buildCredential, CREDENTIALS_HINT } from './credentials.ts';
export { AzureProvider } from './provider.ts';
export { CAPABILITIES, SERVICES } from './services.ts';

/**
 * The Azure provider's registration: credentials the way Azure users have them (service
 * principal, `az login`, DefaultAzureCredential), and `endpoint` + `caCert` to point every SDK
 * client and the token authority at another ARM endpoint (the simulator, a private cloud).
 *
 * @example
 * const provider = azureProvider.create({ kind: 'cli' });
 * for (const account of await provider.listAccounts()) console.log(account.name);
 *
 * @example
 * // The simulator: any tenant, client and secret get a token.
 * azureProvider.create(
 *   { kind: 'service-principal', tenantId, clientId: 'escher', clientSecret: 'sim' },
 *   { endpoint: 'https://127.0.0.1:4601', caCert: pem },
 * );
 */
export const azureProvider: ProviderFactory<AzureCredentials> = {
  id: 'azure',
  capabilities: CAPABILITIES,
  create(credentials, settings = {}) {
    return new AzureProvider(new AzureClients(buildCredential(credentials, settings), settings));
  },
};
export * from './import/index.ts';
export { AzureActions, AZURE_OPERATIONS, createAzureActions } from './operations/azure-actions.ts';
