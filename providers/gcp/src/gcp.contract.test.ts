import { runProviderContract } from '@escher/provider-api/contract';
import { gcpProvider } from './gcp-provider.ts';

// The simulator accepts any bearer token: the access-token credential reaches it offline.
runProviderContract({
  cloud: 'gcp',
  create: (sim) =>
    gcpProvider.create({ kind: 'access-token', token: 'escher-contract' }, { endpoint: sim.gcp }),
});
