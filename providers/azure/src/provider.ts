import { UserError, type Resource } from '@escher/protocol';
import type {
  AccountRef,
  DiscoverOptions,
  DiscoveryScope,
  MetricPoint,
  MetricQuery,
  Provider,
  ServiceSpec,
} from '@escher/provider-api';
import type { AzureClients } from './clients.ts';
import type { DiscoveryContext } from './discovery/context.ts';
import { discoverKeyVaults } from './discovery/discover-key-vaults.ts';
import { discoverResourceGraph } from './discovery/discover-resource-graph.ts';
import { discoverStorage } from './discovery/discover-storage.ts';
import { listCpuMetrics } from './monitor/list-cpu-metrics.ts';
import { SERVICES } from './services.ts';
import { listLocations } from './subscriptions/list-locations.ts';
import { listSubscriptions } from './subscriptions/list-subscriptions.ts';

/** Each service's discovery, by service id (see {@link SERVICES}). */
const DISCOVERERS: Readonly<Record<string, (ctx: DiscoveryContext) => AsyncGenerator<Resource[]>>> = {
  resourcegraph: discoverResourceGraph,
  storage: discoverStorage,
  keyvault: discoverKeyVaults,
};

/**
 * The Azure provider: accounts are the subscriptions the identity sees, discovery is Resource
 * Graph (plus ARM where Graph lacks a detail), metrics are Azure Monitor's `Percentage CPU`.
 */
export class AzureProvider implements Provider {
  readonly cloud = 'azure' as const;
  readonly services: readonly ServiceSpec[] = SERVICES;
  readonly #clients: AzureClients;

  constructor(clients: AzureClients) {
    this.#clients = clients;
  }

  listAccounts(options: DiscoverOptions = {}): Promise<AccountRef[]> {
    return listSubscriptions(this.#clients, options);
  }

  listRegions(account: string, options: DiscoverOptions = {}): Promise<string[]> {
    return listLocations(this.#clients, account, options);
  }

  async *discover(scope: DiscoveryScope, options: DiscoverOptions = {}): AsyncIterable<Resource[]> {
    const discover = DISCOVERERS[scope.service];
    if (!discover)
      throw new UserError('azure-unknown-service', `The Azure provider has no service '${scope.service}'`, {
        hint: `Use one of ${Object.keys(DISCOVERERS).join(', ')}`,
      });
    // Every Azure service is subscription-wide: a regional scope has nothing of its own.
    if (scope.region !== 'global') return;
    yield* discover({ clients: this.#clients, subscriptionId: scope.account, options });
  }

  async metrics(
    resource: Resource,
    query: MetricQuery,
    options: DiscoverOptions = {},
  ): Promise<MetricPoint[]> {
    if (resource.cloud !== 'azure' || resource.type !== 'compute.instance') return [];
    return listCpuMetrics(this.#clients, resource, query, options);
  }
}
