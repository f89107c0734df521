import { runProviderContract } from '@escher/provider-api/contract';
import { azureProvider } from './index.ts';

runProviderContract({
  cloud: 'azure',
  create: (sim) =>
    azureProvider.create(
      {
        kind: 'service-principal',
        tenantId: sim.azureTenantId,
        clientId: 'escher-contract',
        clientSecret: 'sim',
      },
      { endpoint: sim.azure, caCert: sim.caCert },
    ),
});
