import { UserError } from '@escher/protocol';
import type { Provider } from '@escher/provider-api';
import { openAccountSecrets, readAccounts, type AccountConfig } from './accounts-file.ts';
import type { CliIo } from './cli-io.ts';
import { openStore, requireHome, resolveHome, type EscherHome } from './escher-home.ts';
import {
  createProgressRenderer,
  createScanner,
  type ScanEvent,
  type ScanRequest,
  type ScanSink,
  type ScanSummary,
} from '../scanner/index.ts';
import type { Store } from '../store/index.ts';
import { closeProvider, loadProvider, providerSpecOf, type ProviderSpec } from '../sync/provider-spec.ts';
import { scanInThreads } from '../sync/threaded-scanner.ts';

/**
 * Syncs the configured accounts (or one, by name) into the store: the scanner discovers, the
 * store replaces each complete scope atomically, progress goes to stderr (bars on a TTY, lines
 * otherwise, nothing with `json`). Resolves with SPEC section 7's summary.
 */
export async function runSync(io: CliIo, options: { account?: string; json: boolean }): Promise<ScanSummary> {
  const home = resolveHome(io.env);
  requireHome(home);
  const accounts = selectAccounts(home, options.account);
  const store = await openStore(home, io.env);
  const renderer = createProgressRenderer({ json: options.json, out: io.stderr });
  try {
    return await syncAccounts({
      home,
      store,
      accounts,
      onProgress: (e) => renderer.onEvent(e),
      onNotice: (line) => io.stderr.write(`${line}\n`),
    });
  } finally {
    renderer.stop();
    store.close();
  }
}

/**
 * The configured accounts a sync covers: all of them, or the one named. Fails plainly when
 * there is nothing to sync, before any sync is recorded.
 */
export function selectAccounts(home: EscherHome, account?: string): AccountConfig[] {
  const all = readAccounts(home);
  const chosen = account ? all.filter((a) => a.name === account) : all;
  if (account && chosen.length === 0) {
    throw new UserError('account-not-found', `No account named '${account}'`, {
      hint: 'See the configured accounts with `escher accounts list`',
    });
  }
  if (chosen.length === 0) {
    throw new UserError('no-accounts', 'No accounts to sync', {
      hint: 'Connect one with `escher accounts add aws|azure|gcp --name NAME`',
    });
  }
  return chosen;
}

/** What `syncAccounts` needs; the CLI and the daemon each pass their own open store. */
export interface SyncAccountsOptions {
  home: EscherHome;
  store: Store;
  accounts: readonly AccountConfig[];
  /** Cancels the scan; scopes completed so far stay saved. */
  signal?: AbortSignal;
  onProgress?: (event: ScanEvent) => void;
  /** Called once the sync is recorded in the store, with its id (the daemon answers with it). */
  onSyncStarted?: (syncId: number) => void;
  /** One-line notices for the user (secrets.json moved into the vault). */
  onNotice?: (line: string) => void;
  /**
   * Scan each cloud in a worker thread of its own (the default) or all on this thread.
   * `ESCHER_SYNC_THREADS=0` turns threads off for the CLI and the daemon.
   */
  threads?: boolean;
}

/** Scans `accounts` into an already open store: the one sync routine of the CLI and the daemon. */
export async function syncAccounts(options: SyncAccountsOptions): Promise<ScanSummary> {
  const { store } = options;
  // Each scanner scope is written as one transaction; the store takes any region and account.
  const sink: ScanSink<number> = {
    beginSync: () => {
      const syncId = store.beginSync();
      options.onSyncStarted?.(syncId);
      return syncId;
    },
    replaceScope: (scope, resources, syncId) => store.replaceScope(scope, resources, syncId),
    markScopeFailed: (scope, error, syncId) => store.markScopeFailed(scope, error, syncId),
    finishSync: (syncId, summary) => store.finishSync(syncId, summary),
  };
  const { vault, ledger } = await openAccountSecrets(options.home, options.store, options.onNotice);
  const specs = options.accounts.map((account) => providerSpecOf(account, vault));
  const request = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const summary =
    (options.threads ?? process.env['ESCHER_SYNC_THREADS'] !== '0')
      ? await scanInThreads({ specs, sink }, request)
      : await scanInProcess(specs, sink, request);
  const { resources, added, changed, removed, errors, apiCalls, durationMs } = summary;
  const accounts = options.accounts.map((a) => a.name);
  ledger.append({
    kind: 'sync-finished',
    data: { accounts, resources, added, changed, removed, errors: errors.length, apiCalls, durationMs },
  });
  return summary;
}

/** The scan on this thread: every cloud's SDKs and calls on one event loop. */
async function scanInProcess(
  specs: readonly ProviderSpec[],
  sink: ScanSink<number>,
  request: ScanRequest,
): Promise<ScanSummary> {
  const providers: Provider[] = [];
  try {
    for (const spec of specs) providers.push(await loadProvider(spec));
    return await createScanner({ providers, sink }).scan(request);
  } finally {
    for (const p of providers) closeProvider(p);
  }
}

/** The summary exactly as SPEC section 7 names its fields, in that order. */
export function summaryJson(summary: ScanSummary): ScanSummary {
  const { resources, added, changed, removed, errors, apiCalls, durationMs } = summary;
  return { resources, added, changed, removed, errors, apiCalls, durationMs };
}
