import { EscherError, UserError, type Resource } from '@escher/protocol';
import {
  OPEN_GATE,
  type AccountRef,
  type DiscoverOptions,
  type DiscoveryScope,
  type MetricPoint,
  type MetricQuery,
  type Provider,
  type ProviderFactory,
  type ProviderSettings,
  type ServiceSpec,
} from '@escher/provider-api';
import { GcpClients } from './clients.ts';
import { listRegions } from './compute/list-regions.ts';
import type { GcpContext } from './context.ts';
import { createAuth, type GcpAuth, type GcpCredentials } from './credentials.ts';
import { listCpuUtilization } from './monitoring/list-cpu-utilization.ts';
import { searchProjects } from './resource-manager/search-projects.ts';
import { GCP_CAPABILITIES, GCP_SERVICES } from './services.ts';

/** Account placeholder for calls made before any project is known (project search). */
const NO_PROJECT = '-';

/** Google Cloud on the official SDKs: projects as accounts, every service discovered per project. */
export class GcpProvider implements Provider {
  readonly cloud = 'gcp' as const;
  readonly services: readonly ServiceSpec[] = GCP_SERVICES.map(({ id, types, global }) => ({
    id,
    types,
    global,
  }));
  private readonly byId = new Map(GCP_SERVICES.map((s) => [s.id, s]));

  constructor(
    private readonly identity: GcpAuth,
    private readonly clients: GcpClients,
    private readonly projects?: readonly string[],
  ) {}

  private context(project: string, options: DiscoverOptions = {}): GcpContext {
    return { clients: this.clients, gate: options.gate ?? OPEN_GATE, project, signal: options.signal };
  }

  /**
   * Every active project the identity sees (Resource Manager search), or the `projects` the
   * credentials name (the search then only supplies display names). When the search shows
   * nothing or is denied, the credentials' own project (key file `project_id`, ADC's project):
   * an identity may work in its project without `resourcemanager.projects.get` on it.
   */
  async listAccounts(options?: DiscoverOptions): Promise<AccountRef[]> {
    const search = searchProjects(this.context(NO_PROJECT, options));
    if (this.projects?.length) {
      const found = await search.catch(() => []);
      const names = new Map(found.map((p) => [p.id, p.name]));
      return this.projects.map((id) => ({ id, name: names.get(id) ?? id }));
    }
    let denied: EscherError | undefined;
    const found = await search.catch((error: unknown) => {
      if (error instanceof EscherError && error.code === 'gcp-permission-denied')
        return ((denied = error), []);
      throw error;
    });
    if (found.length > 0) return found;
    const own = await this.identity.defaultProject();
    if (own) return [{ id: own, name: own }];
    if (denied) throw denied;
    return [];
  }

  /**
   * The Compute Engine regions the project can use. Informational: every GCP service is
   * discovered project-wide (scope region `global`), so the scanner needs no per-region fan-out.
   */
  listRegions(account: string, options?: DiscoverOptions): Promise<string[]> {
    return listRegions(this.context(account, options));
  }

  /** One service of one project, page by page; regional scopes yield nothing (see `services`). */
  async *discover(scope: DiscoveryScope, options?: DiscoverOptions): AsyncIterable<Resource[]> {
    const service = this.byId.get(scope.service);
    if (!service)
      throw new UserError('gcp-service-unknown', `The GCP provider has no service ${scope.service}.`, {
        hint: `Use one of ${GCP_SERVICES.map((s) => s.id).join(', ')}`,
      });
    // Every GCP service is project-wide: a regional scope has nothing of its own to add.
    if (scope.region !== 'global') return;
    yield* service.discover(this.context(scope.account, options));
  }

  /** Mean CPU utilisation per period (percent) of a Compute Engine instance; [] for anything else. */
  metrics(resource: Resource, query: MetricQuery, options?: DiscoverOptions): Promise<MetricPoint[]> {
    if (resource.type !== 'compute.instance' || query.metric !== 'cpu') return Promise.resolve([]);
    return listCpuUtilization(this.context(resource.account, options), resource, query);
  }
}

/**
 * The GCP provider factory (the static registration the daemon lists).
 *
 * @example
 * const gcp = gcpProvider.create({ kind: 'adc' });
 * const sim = gcpProvider.create({ kind: 'access-token', token: 'x' }, { endpoint: 'http://127.0.0.1:4602' });
 */
export const gcpProvider: ProviderFactory<GcpCredentials> = {
  id: 'gcp',
  capabilities: GCP_CAPABILITIES,
  create(credentials: GcpCredentials, settings?: ProviderSettings): Provider {
    const identity = createAuth(credentials);
    return new GcpProvider(identity, new GcpClients(identity.auth, settings), credentials.projects);
  },
};
