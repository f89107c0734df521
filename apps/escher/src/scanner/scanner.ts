import { OperationalError, type Cloud, type Resource } from '@escher/protocol';
import type { DiscoverOptions, Provider } from '@escher/provider-api';
import { isAbort } from './call-outcome.ts';
import { RateLimiter, type CallEvent, type LimiterClock, type RateLimiterOptions } from './rate-limiter.ts';
import type { ScanEvent } from './scan-events.ts';
import { toScanError } from './scan-error.ts';
import type { ScanError, ScanSink, ScanSummary, SinkScope } from './scan-sink.ts';
import { Semaphore } from './semaphore.ts';

/** How much runs at once. */
export interface ScanConcurrency {
  /** Scopes in flight over the whole scan. Default 256. */
  scopes?: number;
  /** Scopes in flight per cloud / account / region. Default 16. */
  perRegion?: number;
  /** Accounts whose regions are listed at once, per cloud. Default 16. */
  accounts?: number;
}

/** What runs at once unless a scanner is told otherwise. */
export const DEFAULT_SCAN_CONCURRENCY: Required<ScanConcurrency> = {
  scopes: 256,
  perRegion: 16,
  accounts: 16,
};

export interface ScannerOptions<SyncId = number> {
  /** One provider per cloud to scan. */
  providers: readonly Provider[];
  sink: ScanSink<SyncId>;
  clock?: LimiterClock;
  concurrency?: ScanConcurrency;
  /**
   * The rate limiter every call goes through, or its options. One limiter per scanner, so the
   * rates it learned carry over from one scan to the next.
   */
  limiter?: RateLimiter | RateLimiterOptions;
}

export interface ScanRequest {
  /** Only these account ids (AWS account, Azure subscription, GCP project). */
  accounts?: readonly string[];
  /** Only these clouds. */
  clouds?: readonly Cloud[];
  /** Only these services (ids of the providers' `services`); a provider left with none scans nothing. */
  services?: readonly string[];
  /** Cancels the scan: nothing more starts, unfinished scopes are not written. */
  signal?: AbortSignal;
  onProgress?: (event: ScanEvent) => void;
}

/** Scans clouds into a sink. */
export interface Scanner {
  /**
   * Discovers every account → region → service → page the providers reach, writes each complete
   * scope to the sink, and resolves with the summary. Failed scopes and listings are in
   * `errors`; cancelling rejects with an `OperationalError` (`scan-cancelled`) after closing the sync.
   */
  scan(request?: ScanRequest): Promise<ScanSummary>;
  readonly limiter: RateLimiter;
}

/**
 * Creates the scanner: four levels of parallelism (accounts → regions → services → pages; pages
 * are sequential within a scope, scopes run side by side under an overall and a per-region
 * bound), every API call paced by an adaptive rate limiter per API family, and partial failure
 * as the normal case — a scope that still fails after retries is reported with the cloud's error
 * and marked failed in the sink, which keeps its old resources.
 *
 * @example
 * const scanner = createScanner({ providers: [aws, gcp], sink: store });
 * const summary = await scanner.scan({ onProgress: renderer.onEvent });
 */
export function createScanner<SyncId = number>(options: ScannerOptions<SyncId>): Scanner {
  const clock = options.clock ?? { now: () => Date.now() };
  const limiter =
    options.limiter instanceof RateLimiter ? options.limiter : new RateLimiter({ clock, ...options.limiter });
  const concurrency = { ...DEFAULT_SCAN_CONCURRENCY, ...options.concurrency };
  return {
    limiter,
    scan: (request = {}) => runScan(options, limiter, clock, concurrency, request),
  };
}

async function runScan<SyncId>(
  options: ScannerOptions<SyncId>,
  limiter: RateLimiter,
  clock: LimiterClock,
  concurrency: Required<ScanConcurrency>,
  request: ScanRequest,
): Promise<ScanSummary> {
  return runSyncLifecycle(options.sink, clock, request, (syncId) =>
    scanProviders({
      providers: options.providers,
      sink: options.sink,
      limiter,
      clock,
      concurrency,
      request,
      syncId,
    }),
  );
}

/** What scanning some providers came to, before the sync is closed. */
export interface ScanOutcome {
  totals: ScanTotals;
  errors: ScanError[];
  /** The request's signal aborted the scan: completed scopes are written, the rest is not. */
  cancelled: boolean;
}

/** The counts a scan adds up. */
export interface ScanTotals {
  resources: number;
  added: number;
  changed: number;
  removed: number;
  apiCalls: number;
}

/**
 * The sync around a scan: opens it in the sink, runs `scan` with its id, closes it with the
 * summary (also when cancelled), reports `scan-started` / `scan-finished`, and turns a
 * cancellation into `scan-cancelled`. The in-process scanner and the scan worker threads
 * (apps/escher/src/sync) share it, so a sync is recorded the same way whoever scans.
 */
export async function runSyncLifecycle<SyncId>(
  sink: ScanSink<SyncId>,
  clock: LimiterClock,
  request: ScanRequest,
  scan: (syncId: SyncId) => Promise<ScanOutcome>,
): Promise<ScanSummary> {
  const started = clock.now();
  const syncId = await sink.beginSync();
  request.onProgress?.({ kind: 'scan-started', at: started });
  const { totals, errors, cancelled } = await scan(syncId);
  const summary: ScanSummary = { ...totals, errors, durationMs: clock.now() - started };
  await sink.finishSync(syncId, summary);
  request.onProgress?.({ kind: 'scan-finished', summary, cancelled });
  if (cancelled) {
    throw new OperationalError('scan-cancelled', 'The scan was cancelled; completed scopes were saved', {
      retryable: false,
      details: { summary },
    });
  }
  return summary;
}

/** What `scanProviders` scans with; the sink needs only its scope writes. */
export interface ScanProvidersOptions<SyncId> {
  providers: readonly Provider[];
  sink: Pick<ScanSink<SyncId>, 'replaceScope' | 'markScopeFailed'>;
  limiter: RateLimiter;
  /** Stamps the `api-call` events. */
  clock: LimiterClock;
  concurrency: Required<ScanConcurrency>;
  request: ScanRequest;
  syncId: SyncId;
}

/**
 * Scans the providers into an open sync: accounts → regions → services → pages, every call
 * through the limiter, each complete scope written to the sink. Resolves with the totals and
 * the failures; an abort of the request's signal resolves with `cancelled`, a sink failure rejects.
 */
export async function scanProviders<SyncId>(options: ScanProvidersOptions<SyncId>): Promise<ScanOutcome> {
  const { limiter, clock, concurrency, request, sink, syncId } = options;
  const signal = request.signal;
  const emit = (event: ScanEvent): void => request.onProgress?.(event);
  const totals: ScanTotals = { resources: 0, added: 0, changed: 0, removed: 0, apiCalls: 0 };
  const errors: ScanError[] = [];
  const scopeSlots = new Semaphore(concurrency.scopes);
  const regionSlots = new Map<string, Semaphore>();

  const onCall = (event: CallEvent): void => {
    totals.apiCalls++;
    emit({
      kind: 'api-call',
      cloud: event.cloud,
      account: event.context.account,
      outcome: event.outcome,
      at: clock.now(),
    });
  };

  const runScope = async (
    provider: Provider,
    scope: SinkScope,
    discover: DiscoverOptions,
    priority: number,
  ): Promise<void> => {
    const regionKey = `${scope.cloud}:${scope.account}:${scope.region}`;
    let slots = regionSlots.get(regionKey);
    if (!slots) regionSlots.set(regionKey, (slots = new Semaphore(concurrency.perRegion)));
    const releaseScan = await scopeSlots.acquire(signal, priority);
    try {
      await slots.use(async () => {
        emit({ kind: 'scope-started', scope });
        const resources: Resource[] = [];
        try {
          for await (const page of provider.discover(
            { account: scope.account, region: scope.region, service: scope.service },
            discover,
          )) {
            signal?.throwIfAborted();
            resources.push(...page);
            emit({ kind: 'scope-page', scope, resources: page.length });
          }
        } catch (error) {
          if (isAbort(error, signal)) throw error;
          const failure = toScanError(error, scope, 'scope');
          errors.push(failure);
          await sink.markScopeFailed(scope, error, syncId);
          emit({ kind: 'scope-failed', scope, error: failure });
          return;
        }
        signal?.throwIfAborted();
        const result = await sink.replaceScope(scope, resources, syncId);
        const count = result.resources ?? resources.length;
        totals.resources += count;
        totals.added += result.added;
        totals.changed += result.changed;
        totals.removed += result.removed;
        emit({ kind: 'scope-done', scope, resources: count, ...pick(result) });
      }, signal);
    } finally {
      releaseScan();
    }
  };

  const scanAccount = async (
    provider: Provider,
    account: string,
    discover: DiscoverOptions,
    listSlots: Semaphore,
  ): Promise<void> => {
    const cloud = provider.cloud;
    const services = provider.services.filter((s) => !request.services || request.services.includes(s.id));
    // Global services need no region list: they start at once (often the account's binding
    // rate-limit family, IAM's), and still run when the region listing fails.
    const globals: SinkScope[] = services
      .filter((service) => service.global)
      .map((service) => ({ cloud, account, region: 'global', service: service.id }));
    emit({ kind: 'account-planned', cloud, account, scopes: globals.length });
    // A scope's place in its account is its priority, so waiting scopes are served round-robin
    // across accounts (and clouds) instead of queueing behind another account's regions.
    const globalRuns = globals.map((scope, i) => runScope(provider, scope, discover, i));
    const regionalRuns = (async (): Promise<void> => {
      if (services.every((service) => service.global)) return;
      let regions: string[] = [];
      try {
        // Only the region listing is bounded per cloud; scopes are bounded by the scope slots.
        regions = await listSlots.use(() => provider.listRegions(account, discover), signal);
      } catch (error) {
        if (isAbort(error, signal)) throw error;
        const failure = toScanError(error, { cloud, account }, 'regions');
        errors.push(failure);
        emit({ kind: 'listing-failed', error: failure });
      }
      // Service-major order spreads early work over every region's rate-limit buckets.
      const scopes: SinkScope[] = [];
      for (const service of services) {
        if (service.global) continue;
        for (const region of regions) scopes.push({ cloud, account, region, service: service.id });
      }
      emit({ kind: 'account-planned', cloud, account, regions: regions.length, scopes: scopes.length });
      await settleAll(scopes.map((scope, i) => runScope(provider, scope, discover, globals.length + i)));
    })();
    await settleAll([...globalRuns, regionalRuns]);
  };

  const scanCloud = async (provider: Provider): Promise<void> => {
    const cloud = provider.cloud;
    const discover: DiscoverOptions = {
      gate: limiter.gate(cloud, signal, onCall),
      ...(signal ? { signal } : {}),
    };
    let accounts: string[];
    try {
      accounts = (await provider.listAccounts(discover)).map((a) => a.id);
    } catch (error) {
      if (isAbort(error, signal)) throw error;
      const failure = toScanError(error, { cloud }, 'accounts');
      errors.push(failure);
      emit({ kind: 'listing-failed', error: failure });
      return;
    }
    if (request.accounts) accounts = accounts.filter((a) => request.accounts!.includes(a));
    const listSlots = new Semaphore(concurrency.accounts);
    await settleAll(accounts.map((account) => scanAccount(provider, account, discover, listSlots)));
  };

  const providers = options.providers.filter((p) => !request.clouds || request.clouds.includes(p.cloud));
  let cancelled = false;
  try {
    await settleAll(providers.map(scanCloud));
  } catch (error) {
    if (!isAbort(error, signal)) throw error;
    cancelled = true;
  }
  return { totals, errors, cancelled };
}

/** Waits for every task; then rethrows the first failure (an abort, or a sink error). */
async function settleAll(tasks: Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

function pick(result: { added: number; changed: number; removed: number }): {
  added: number;
  changed: number;
  removed: number;
} {
  return { added: result.added, changed: result.changed, removed: result.removed };
}
