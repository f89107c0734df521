import { ClientSecretCredential } from '@azure/identity';
import type { RunningSimulator } from '../server.ts';

/**
 * What an official Azure SDK client needs to reach the simulator (tests only): a service-principal
 * credential against the simulator's authority, the ARM endpoint, and the simulator's CA.
 *
 * @example
 * const { credential, options } = azureSdk(sim);
 * const compute = new ComputeManagementClient(credential, subscriptionId, options);
 */
export function azureSdk(sim: RunningSimulator): {
  credential: ClientSecretCredential;
  options: { endpoint: string; tlsOptions: { ca: string } };
  subscriptions: string[];
} {
  const tlsOptions = { ca: sim.endpoints.azureCaCert };
  const credential = new ClientSecretCredential(
    sim.endpoints.azureTenantId,
    'escher-test-client',
    'escher-test-secret',
    {
      authorityHost: sim.endpoints.azureAuthorityHost,
      disableInstanceDiscovery: true,
      tlsOptions,
    },
  );
  return {
    credential,
    options: { endpoint: sim.endpoints.azure, tlsOptions },
    subscriptions: sim.estate().manifest.accounts.azure!.map((a) => a.id),
  };
}

/** The resource group segment of an ARM resource ID. */
export function groupOf(id: string): string {
  return id.split('/')[4]!;
}
