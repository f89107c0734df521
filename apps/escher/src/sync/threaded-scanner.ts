import { Worker } from 'node:worker_threads';
import type { Cloud } from '@escher/protocol';
import {
  runSyncLifecycle,
  type ScanError,
  type ScanOutcome,
  type ScanRequest,
  type ScanSink,
  type ScanSummary,
} from '../scanner/index.ts';
import type { ProviderSpec } from './provider-spec.ts';
import {
  cloudError,
  toWireError,
  type ParentMessage,
  type ScanWorkerData,
  type WorkerMessage,
} from './scan-worker-protocol.ts';

/**
 * The services each cloud's provider flags `paced` (`ServiceSpec.paced`): calls on a low
 * account-wide limit that bounds a whole sync. They run in a worker of their own, whose event
 * loop is idle between calls, so every call leaves when its limit allows: in the cloud's main
 * worker the same calls waited up to half a second each behind page parsing while a large sync
 * started, and the sync ended ~10 s later. Listed here so this thread plans workers without
 * loading any SDK; a test keeps the list equal to the providers' flags.
 */
export const PACED_SERVICES: Partial<Record<Cloud, readonly string[]>> = {
  aws: ['iam.users', 'iam.roles'],
};

/** What a threaded scan needs: the accounts' provider specs and the store to write to. */
export interface ThreadedScanOptions {
  specs: readonly ProviderSpec[];
  sink: ScanSink<number>;
}

/** How one cloud's worker ended. */
interface WorkerEnd {
  outcome: ScanOutcome;
  /** The store refused a write: the scan fails with the store's own error, as in process. */
  sinkError?: unknown;
}

/**
 * Scans with one worker thread per cloud, writing every scope from this thread. A sync of a
 * large estate is CPU-bound (SDK serialisation and signing, XML and JSON parsing, TLS): on one
 * event loop the rate-limited call chains that bound it — an account's IAM calls — wait behind
 * other clouds' page parsing, up to seconds at a time. Here each cloud has its own SDKs, limiter
 * and event loop on a thread of its own (the OS spreads them over the cores), its paced services
 * (`PACED_SERVICES`) another, and this thread only writes scopes, indexes and reports.
 *
 * Same contract as the in-process scanner (`createScanner`): one sync, every complete scope
 * written atomically, failures in the summary, cancellation through `request.signal`. A cloud
 * whose worker cannot scan at all (its providers do not build, the thread dies) is reported as
 * that cloud's error and the other clouds finish.
 */
export async function scanInThreads(
  options: ThreadedScanOptions,
  request: ScanRequest = {},
): Promise<ScanSummary> {
  return runSyncLifecycle(options.sink, { now: () => Date.now() }, request, async (syncId) => {
    const byCloud = new Map<Cloud, ProviderSpec[]>();
    for (const spec of options.specs) {
      if (request.clouds && !request.clouds.includes(spec.cloud)) continue;
      byCloud.set(spec.cloud, [...(byCloud.get(spec.cloud) ?? []), spec]);
    }
    const cancellable = request.signal !== undefined;
    const workers = [...byCloud].flatMap(([cloud, specs]): ScanWorkerData[] => {
      const base = { cloud, specs, syncId, cancellable, ...accounts(request) };
      const paced = (PACED_SERVICES[cloud] ?? []).filter(
        (id) => !request.services || request.services.includes(id),
      );
      const only = request.services?.filter((id) => !paced.includes(id));
      if (paced.length === 0) return [{ ...base, ...(only ? { services: { only } } : {}) }];
      const rest: ScanWorkerData = { ...base, services: only ? { only } : { except: paced } };
      return [{ ...base, services: { only: paced } }, ...(only?.length === 0 ? [] : [rest])];
    });
    const ends = await Promise.all(workers.map((data) => runWorker(data, options.sink, request)));
    const failed = ends.find((end) => end.sinkError !== undefined);
    if (failed) throw failed.sinkError;
    return mergeOutcomes(ends.map((end) => end.outcome));
  });
}

function accounts(request: ScanRequest): { accounts?: string[] } {
  return request.accounts ? { accounts: [...request.accounts] } : {};
}

/** Runs one cloud's worker to its end; never rejects (a dead worker is that cloud's error). */
function runWorker(data: ScanWorkerData, sink: ScanSink<number>, request: ScanRequest): Promise<WorkerEnd> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./scan-worker-entry.mjs', import.meta.url), {
      workerData: data,
      // The entry registers the TypeScript loader itself; inherited flags would register it twice.
      execArgv: [],
    });
    let sinkError: unknown;
    /** How the scan ended, once the worker said so (or failed); the promise settles on exit. */
    let result: WorkerEnd | undefined;
    const send = (message: ParentMessage): void => worker.postMessage(message);
    const onAbort = (): void => send({ kind: 'abort' });
    const failedWith = (error: ScanError): WorkerEnd => ({ outcome: emptyOutcome([error]) });

    if (request.signal?.aborted) onAbort();
    else request.signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: WorkerMessage) => {
      switch (message.kind) {
        case 'events':
          for (const event of message.events) request.onProgress?.(event);
          return;
        case 'replace':
        case 'scope-failed':
          void write(message).then(send);
          return;
        case 'done':
          result = { outcome: message.outcome };
          return;
        case 'failed':
          result = failedWith(cloudError(data.cloud, message.error));
      }
    });
    worker.on('error', (error) => {
      result ??= failedWith(cloudError(data.cloud, { ...toWireError(error), code: 'scan-worker-failed' }));
    });
    // Settled only once the thread is gone, so a sync leaves no scan thread (nor its heap)
    // behind. Messages it posted before it ended are delivered first: let them run.
    worker.on('exit', (code) =>
      setImmediate(() => {
        request.signal?.removeEventListener('abort', onAbort);
        const end =
          result ??
          failedWith({
            stage: 'accounts',
            cloud: data.cloud,
            code: 'scan-worker-exited',
            message: `The ${data.cloud} scan thread stopped (exit code ${code}) before it finished`,
            hint: 'Run `escher sync` again; the scopes written so far are kept',
          });
        resolve(sinkError === undefined ? end : { ...end, sinkError });
      }),
    );

    async function write(
      message: Extract<WorkerMessage, { kind: 'replace' | 'scope-failed' }>,
    ): Promise<ParentMessage> {
      try {
        if (message.kind === 'replace') {
          const result = await sink.replaceScope(message.scope, message.resources, data.syncId);
          return { kind: 'written', id: message.id, result };
        }
        await sink.markScopeFailed(message.scope, message.error, data.syncId);
        return { kind: 'written', id: message.id, result: { added: 0, changed: 0, removed: 0 } };
      } catch (error) {
        sinkError ??= error;
        return { kind: 'write-failed', id: message.id, error: toWireError(error) };
      }
    }
  });
}

function emptyOutcome(errors: ScanError[]): ScanOutcome {
  return {
    totals: { resources: 0, added: 0, changed: 0, removed: 0, apiCalls: 0 },
    errors,
    cancelled: false,
  };
}

function mergeOutcomes(outcomes: readonly ScanOutcome[]): ScanOutcome {
  const merged = emptyOutcome([]);
  for (const { totals, errors, cancelled } of outcomes) {
    for (const key of Object.keys(merged.totals) as (keyof ScanOutcome['totals'])[])
      merged.totals[key] += totals[key];
    merged.errors.push(...errors);
    merged.cancelled ||= cancelled;
  }
  return merged;
}
