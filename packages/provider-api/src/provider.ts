import type { Cloud, Resource, ResourceType } from '@escher/protocol';

/** An account the credentials reach: AWS account, Azure subscription, GCP project. */
export interface AccountRef {
  id: string;
  name: string;
}

/**
 * A discovery unit: one service's resources in one account and region. The scanner fans out over
 * accounts → regions → services and asks the provider for each scope's pages.
 */
export interface DiscoveryScope {
  account: string;
  /** A region code, or 'global' for global services. */
  region: string;
  service: string;
}

/** What a provider can discover, per service. */
export interface ServiceSpec {
  id: string;
  types: readonly ResourceType[];
  /** Global services are discovered once per account with region 'global'. */
  global: boolean;
  /**
   * Its calls draw on a low account-wide rate limit that bounds a whole sync (AWS IAM: 10 calls/s
   * per account): a threaded scan gives such services a thread of their own, so that no other
   * work delays their calls.
   */
  paced?: boolean;
}

/** Identifies one cloud API call for the scanner's rate limiter. */
export interface CallContext {
  account: string;
  region: string;
  service: string;
  operation: string;
}

/**
 * Wraps every cloud API call a provider makes, so the scanner can pace calls per account and
 * region and adapt to throttling. Providers call `gate.run(ctx, () => client.send(…))`.
 */
export interface CallGate {
  run<T>(ctx: CallContext, call: () => Promise<T>): Promise<T>;
}

/** A gate that just makes the call. */
export const OPEN_GATE: CallGate = { run: (_ctx, call) => call() };

export interface DiscoverOptions {
  gate?: CallGate;
  signal?: AbortSignal;
}

export interface MetricQuery {
  metric: 'cpu';
  /** ms since epoch */
  start: number;
  end: number;
  periodSeconds: number;
}

export interface MetricPoint {
  timestamp: number;
  /** Percent (0–100) for cpu, whatever the cloud's native unit. */
  value: number;
}

/**
 * One cloud, on its official SDKs. Discovery normalises native records into SPEC section 3
 * `Resource`s (nativeId, type, state, environment, tags, attributes, relationships).
 */
export interface Provider {
  readonly cloud: Cloud;
  readonly services: readonly ServiceSpec[];
  listAccounts(options?: DiscoverOptions): Promise<AccountRef[]>;
  /** Regions to scan in an account (enabled / in use). */
  listRegions(account: string, options?: DiscoverOptions): Promise<string[]>;
  /** Discovers one scope, yielding resources page by page. */
  discover(scope: DiscoveryScope, options?: DiscoverOptions): AsyncIterable<Resource[]>;
  /** CPU utilisation of an instance, when the cloud reports it. */
  metrics(resource: Resource, query: MetricQuery, options?: DiscoverOptions): Promise<MetricPoint[]>;
}

/** Settings that point a provider at a cloud (or at the simulator). Secrets stay in `credentials`. */
export interface ProviderSettings {
  /** Override endpoint (the simulator's AWS/Azure/GCP URL); real clouds need none. */
  endpoint?: string;
  /** PEM of a CA to trust (the simulator's Azure certificate). */
  caCert?: string;
}

/** The static registration of a provider (CloudQuery-style plugin shape). */
export interface ProviderFactory<C = unknown> {
  id: Cloud;
  capabilities: readonly string[];
  create(credentials: C, settings?: ProviderSettings): Provider;
}
