import { setMaxListeners } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import type { Provider } from '@escher/provider-api';
import { OperationalError, type Resource } from '@escher/protocol';
import {
  DEFAULT_SCAN_CONCURRENCY,
  RateLimiter,
  scanProviders,
  type ScanEvent,
  type ScopeChangeCounts,
  type SinkScope,
} from '../scanner/index.ts';
import { closeProvider, loadProvider } from './provider-spec.ts';
import {
  toWireError,
  type ParentMessage,
  type ScanWorkerData,
  type WorkerMessage,
} from './scan-worker-protocol.ts';

// One cloud's scan, in its own thread (see threaded-scanner.ts): its SDKs, its limiter and its
// event loop, so its calls are paced and parsed beside the other clouds', not behind them. Every
// scope is written by the scanner thread, which owns the store; this thread asks and waits.

const port = parentPort!;
const data = workerData as ScanWorkerData;
const post = (message: WorkerMessage): void => port.postMessage(message);

/** Scope writes waiting for the scanner thread's answer, by request id. */
const pending = new Map<number, { resolve: (r: ScopeChangeCounts) => void; reject: (e: unknown) => void }>();
let nextId = 1;
const abort = new AbortController();
// Every call waiting for a slot or a retry listens to it, and a sync has hundreds waiting.
setMaxListeners(0, abort.signal);

port.on('message', (message: ParentMessage) => {
  if (message.kind === 'abort') {
    abort.abort();
    return;
  }
  const waiter = pending.get(message.id);
  pending.delete(message.id);
  if (!waiter) return;
  if (message.kind === 'written') waiter.resolve(message.result);
  // The scanner thread keeps the store's own error and fails the sync with it; here it only
  // has to stop this scan.
  else
    waiter.reject(
      new OperationalError(message.error.code ?? 'store-write-failed', message.error.message, {
        retryable: false,
      }),
    );
});

/** Sends a write and waits for the scanner thread to commit it. */
function ask(message: (id: number) => WorkerMessage): Promise<ScopeChangeCounts> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    post(message(id));
  });
}

// Progress goes over in batches, one message per turn of the event loop: a sync makes tens of
// thousands of calls, each an event.
let batch: ScanEvent[] = [];
const flush = (): void => {
  if (batch.length === 0) return;
  post({ kind: 'events', events: batch });
  batch = [];
};
const onProgress = (event: ScanEvent): void => {
  if (batch.length === 0) setImmediate(flush);
  batch.push(event);
};

const providers: Provider[] = [];
try {
  for (const spec of data.specs) providers.push(await loadProvider(spec));
  const selection = data.services;
  const services =
    selection &&
    [...new Set(providers.flatMap((p) => p.services.map((s) => s.id)))].filter((id) =>
      'only' in selection ? selection.only.includes(id) : !selection.except.includes(id),
    );
  const outcome = await scanProviders({
    providers,
    sink: {
      replaceScope: (scope: SinkScope, resources: Resource[]) =>
        ask((id) => ({ kind: 'replace', id, scope, resources })),
      markScopeFailed: async (scope: SinkScope, error: unknown) => {
        await ask((id) => ({ kind: 'scope-failed', id, scope, error: toWireError(error) }));
      },
    },
    limiter: new RateLimiter({}),
    clock: { now: () => Date.now() },
    concurrency: DEFAULT_SCAN_CONCURRENCY,
    request: {
      ...(data.accounts ? { accounts: data.accounts } : {}),
      ...(services ? { services } : {}),
      ...(data.cancellable ? { signal: abort.signal } : {}),
      onProgress,
    },
    syncId: data.syncId,
  });
  flush();
  post({ kind: 'done', outcome });
} catch (error) {
  flush();
  post({ kind: 'failed', error: toWireError(error) });
} finally {
  for (const provider of providers) closeProvider(provider);
  port.close();
}
