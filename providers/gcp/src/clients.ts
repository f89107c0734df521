import type {
  AddressesClient,
  DisksClient,
  FirewallsClient,
  ForwardingRulesClient,
  GlobalAddressesClient,
  GlobalForwardingRulesClient,
  GlobalOperationsClient,
  InstancesClient,
  NetworksClient,
  RegionOperationsClient,
  RegionsClient,
  SnapshotsClient,
  SubnetworksClient,
  ZoneOperationsClient,
} from '@google-cloud/compute';
import type { ClusterManagerClient } from '@google-cloud/container';
import type { v1 as functionsV1, v2 as functionsV2 } from '@google-cloud/functions';
import type { KeyManagementServiceClient } from '@google-cloud/kms';
import type { MetricServiceClient } from '@google-cloud/monitoring';
import type { ProjectsClient } from '@google-cloud/resource-manager';
import type { Storage } from '@google-cloud/storage';
import type { iam_v1 } from '@googleapis/iam';
import type { sqladmin_v1 } from '@googleapis/sqladmin';
import { UserError } from '@escher/protocol';
import type { ProviderSettings } from '@escher/provider-api';
import type { GoogleAuth } from 'google-auth-library';
import { toGcpError } from './errors.ts';

/** Options every gax client (Compute, GKE, Functions, KMS, Monitoring, Resource Manager) takes. */
type GaxOptions = {
  auth: GoogleAuth;
  /** HTTP/1.1 + JSON instead of gRPC: the one transport every Google API and the simulator speak. */
  fallback: true;
  /** Per-method overrides of the client's built-in settings: here, no retry codes (below). */
  clientConfig: object;
  apiEndpoint?: string;
  port?: number;
  protocol?: string;
};

/** The Compute Engine clients in use, by export name. */
interface ComputeClients {
  AddressesClient: AddressesClient;
  DisksClient: DisksClient;
  FirewallsClient: FirewallsClient;
  ForwardingRulesClient: ForwardingRulesClient;
  InstancesClient: InstancesClient;
  NetworksClient: NetworksClient;
  RegionsClient: RegionsClient;
  SnapshotsClient: SnapshotsClient;
  SubnetworksClient: SubnetworksClient;
  GlobalAddressesClient: GlobalAddressesClient;
  GlobalForwardingRulesClient: GlobalForwardingRulesClient;
  ZoneOperationsClient: ZoneOperationsClient;
  RegionOperationsClient: RegionOperationsClient;
  GlobalOperationsClient: GlobalOperationsClient;
}
/** What `gaxClient` needs of a gax client (KMS carries a separate locations client). */
interface Initialisable {
  initialize(): Promise<unknown>;
  locationsClient?: { initialize(): Promise<unknown> };
}
type ComputeConstructors = { [K in keyof ComputeClients]: new (options: GaxOptions) => ComputeClients[K] };

/**
 * gax `clientConfig` overrides that give every method of every interface an empty list of retry
 * codes, so gax makes each call once. gax merges overrides per interface and method name, and
 * each generated client has its own names; a proxy answers for all of them rather than a table
 * that would go stale with every SDK release.
 */
const NO_GAX_RETRIES = {
  interfaces: new Proxy(
    {},
    {
      get: (_target, service) =>
        typeof service === 'string'
          ? {
              retry_codes: { escher_no_retry: [] },
              methods: new Proxy(
                {},
                {
                  has: (_t, method) => typeof method === 'string',
                  get: (_t, method) =>
                    typeof method === 'string' ? { retry_codes_name: 'escher_no_retry' } : undefined,
                },
              ),
            }
          : undefined,
    },
  ),
};

/**
 * The transport: builds each official SDK client once, on first use, from the shared auth and the
 * endpoint setting. Without an endpoint the SDKs reach Google; with one (the simulator, a proxy)
 * every client is pointed there — gax clients by host/port/protocol, Storage by `apiEndpoint`,
 * googleapis clients by `rootUrl`. The SDK modules themselves are loaded on first use too
 * (Compute's alone takes seconds), so processes that never reach GCP never pay.
 *
 * SDK retries are OFF (gax retry codes emptied, googleapis `retry: false`, Storage `autoRetry:
 * false`): every call goes through the scanner's gate, whose adaptive limiter retries throttling
 * and 5xx itself. SDK retries inside the gate would hide throttling from it and sleep while
 * holding a call slot. A 429 then surfaces as the SDK's error, which `toGcpError` maps to
 * `gcp-throttled`.
 */
export class GcpClients {
  private readonly gax: GaxOptions;
  private readonly root: string | undefined;
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(
    private readonly auth: GoogleAuth,
    settings: ProviderSettings = {},
  ) {
    this.gax = { auth, fallback: true, clientConfig: NO_GAX_RETRIES };
    if (settings.endpoint) {
      const url = parseEndpoint(settings.endpoint);
      this.root = url.origin;
      this.gax.apiEndpoint = url.hostname.replace(/^\[|\]$/g, '');
      this.gax.port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
      this.gax.protocol = url.protocol.replace(':', '');
    }
  }

  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let client = this.cache.get(key);
    if (!client) this.cache.set(key, (client = make()));
    return client as Promise<T>;
  }

  /**
   * A gax client, initialised before first use. The generated clients re-throw a failed
   * `initialize()` (no credentials, say) from a detached promise on every call — an unhandled
   * rejection that ends the process — so the failure is taken here instead, as an EscherError,
   * and the client is dropped so that a later call tries again.
   */
  private gaxClient<T extends Initialisable>(
    key: string,
    service: string,
    make: () => Promise<T>,
  ): Promise<T> {
    return this.once(key, async () => {
      const client = await make();
      try {
        await client.initialize();
        if (client.locationsClient) await client.locationsClient.initialize();
      } catch (error) {
        this.cache.delete(key);
        throw toGcpError(error, { account: '-', region: 'global', service, operation: 'initialize' });
      }
      return client;
    });
  }

  private compute<K extends keyof ComputeClients>(name: K): Promise<ComputeClients[K]> {
    return this.gaxClient(name, 'compute', async () => {
      // The one client's module, not the package index: the index loads all ~100 Compute
      // clients (seconds of CPU that block the event loop, ~70 MB more heap) to use a handful.
      const file = `@google-cloud/compute/build/src/v1/${snakeCase(name)}.js`;
      const module = (await import(file)) as Partial<ComputeConstructors>;
      const Client = module[name];
      if (!Client) {
        throw new UserError('gcp-sdk-layout', `@google-cloud/compute has no ${name} in ${file}`, {
          hint: 'Reinstall the pinned @google-cloud/compute version (npm ci)',
        });
      }
      return new (Client as unknown as GaxConstructor<ComputeClients[K]>)(this.gax, await cachedProtoGax());
    });
  }

  projects(): Promise<ProjectsClient> {
    return this.gaxClient('projects', 'cloudresourcemanager', async () => {
      const { ProjectsClient } = await import('@google-cloud/resource-manager');
      return new ProjectsClient(this.gax);
    });
  }
  regions(): Promise<RegionsClient> {
    return this.compute('RegionsClient');
  }
  instances(): Promise<InstancesClient> {
    return this.compute('InstancesClient');
  }
  disks(): Promise<DisksClient> {
    return this.compute('DisksClient');
  }
  snapshots(): Promise<SnapshotsClient> {
    return this.compute('SnapshotsClient');
  }
  addresses(): Promise<AddressesClient> {
    return this.compute('AddressesClient');
  }
  forwardingRules(): Promise<ForwardingRulesClient> {
    return this.compute('ForwardingRulesClient');
  }
  firewalls(): Promise<FirewallsClient> {
    return this.compute('FirewallsClient');
  }
  networks(): Promise<NetworksClient> {
    return this.compute('NetworksClient');
  }
  subnetworks(): Promise<SubnetworksClient> {
    return this.compute('SubnetworksClient');
  }
  globalAddresses(): Promise<GlobalAddressesClient> {
    return this.compute('GlobalAddressesClient');
  }
  globalForwardingRules(): Promise<GlobalForwardingRulesClient> {
    return this.compute('GlobalForwardingRulesClient');
  }
  /** Compute Engine operations, waited on after every mutation (zonal, regional, global). */
  zoneOperations(): Promise<ZoneOperationsClient> {
    return this.compute('ZoneOperationsClient');
  }
  regionOperations(): Promise<RegionOperationsClient> {
    return this.compute('RegionOperationsClient');
  }
  globalOperations(): Promise<GlobalOperationsClient> {
    return this.compute('GlobalOperationsClient');
  }
  clusters(): Promise<ClusterManagerClient> {
    return this.gaxClient('clusters', 'container', async () => {
      const { ClusterManagerClient } = await import('@google-cloud/container');
      return new ClusterManagerClient(this.gax);
    });
  }
  functionsV1(): Promise<functionsV1.CloudFunctionsServiceClient> {
    return this.gaxClient('functionsV1', 'cloudfunctions', async () => {
      const { v1 } = await import('@google-cloud/functions');
      return new v1.CloudFunctionsServiceClient(this.gax);
    });
  }
  functionsV2(): Promise<functionsV2.FunctionServiceClient> {
    return this.gaxClient('functionsV2', 'cloudfunctions', async () => {
      const { v2 } = await import('@google-cloud/functions');
      return new v2.FunctionServiceClient(this.gax);
    });
  }
  kms(): Promise<KeyManagementServiceClient> {
    return this.gaxClient('kms', 'cloudkms', async () => {
      const { KeyManagementServiceClient } = await import('@google-cloud/kms');
      return new KeyManagementServiceClient(this.gax);
    });
  }
  monitoring(): Promise<MetricServiceClient> {
    return this.gaxClient('monitoring', 'monitoring', async () => {
      const { MetricServiceClient } = await import('@google-cloud/monitoring');
      return new MetricServiceClient(this.gax);
    });
  }
  sql(): Promise<sqladmin_v1.Sqladmin> {
    return this.once('sql', async () => {
      const { sqladmin } = await import('@googleapis/sqladmin');
      return sqladmin({ version: 'v1', auth: this.auth, retry: false, ...this.rootUrl() });
    });
  }
  iam(): Promise<iam_v1.Iam> {
    return this.once('iam', async () => {
      const { iam } = await import('@googleapis/iam');
      return iam({ version: 'v1', auth: this.auth, retry: false, ...this.rootUrl() });
    });
  }

  /**
   * Cloud Storage bundles its own (older) google-auth-library, so it gets the resolved auth client
   * rather than our GoogleAuth; `useAuthWithCustomEndpoint` keeps auth on a custom endpoint.
   */
  storage(): Promise<Storage> {
    return this.once('storage', async () => {
      const { Storage } = await import('@google-cloud/storage');
      const authClient = (await this.auth.getClient().catch((error: unknown) => {
        throw toGcpError(error, { account: '-', region: 'global', service: 'storage', operation: 'auth' });
      })) as unknown as StorageAuthClient;
      return new Storage({
        authClient,
        retryOptions: { autoRetry: false, maxRetries: 0 },
        ...(this.root ? { apiEndpoint: this.root, useAuthWithCustomEndpoint: true } : {}),
      });
    });
  }

  private rootUrl(): { rootUrl?: string } {
    return this.root ? { rootUrl: `${this.root}/` } : {};
  }
}

type GaxConstructor<T> = new (options: GaxOptions, gaxInstance: unknown) => T;

/** `InstancesClient` → `instances_client`: the generated file of a Compute client. */
function snakeCase(name: string): string {
  return name.replace(/(?<=[a-z0-9])([A-Z])/g, '_$1').toLowerCase();
}

let protoGax: Promise<unknown> | undefined;

/**
 * google-gax, as a generated client's `gaxInstance`, whose fallback `GrpcClient` keeps each
 * loaded proto root by the identity of its JSON. Plain gax re-serialises and hashes the JSON on
 * every client construction to look up its cache — Compute's is 11 MB, ~0.2–0.5 s of blocked
 * event loop per client, and discovery builds nine of them.
 */
function cachedProtoGax(): Promise<unknown> {
  protoGax ??= (async () => {
    const gax = await import('google-gax');
    const roots = new WeakMap<object, ReturnType<typeof gax.fallback.GrpcClient.prototype.loadProtoJSON>>();
    class CachedProtoGrpcClient extends gax.fallback.GrpcClient {
      override loadProtoJSON(json: Parameters<typeof gax.fallback.GrpcClient.prototype.loadProtoJSON>[0]) {
        let root = roots.get(json);
        if (!root) roots.set(json, (root = super.loadProtoJSON(json)));
        return root;
      }
    }
    const fallback = Object.create(gax.fallback, { GrpcClient: { value: CachedProtoGrpcClient } }) as object;
    return Object.create(gax, { fallback: { value: fallback } }) as unknown;
  })();
  return protoGax;
}

type StorageAuthClient = NonNullable<ConstructorParameters<typeof Storage>[0]>['authClient'];

function parseEndpoint(endpoint: string): URL {
  try {
    return new URL(endpoint);
  } catch (cause) {
    throw new UserError('gcp-endpoint-invalid', `The GCP endpoint ${endpoint} is not a URL.`, {
      hint: 'Pass a URL such as http://127.0.0.1:4602',
      cause,
    });
  }
}
