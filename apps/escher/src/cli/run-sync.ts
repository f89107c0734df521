import { UserError } from '@escher/protocol';
import { readAccounts } from './accounts-file.ts';
import { buildProvider, closeProvider } from './build-providers.ts';
import type { CliIo } from './cli-io.ts';
import { RegionalScopeSink } from './regional-scope-sink.ts';
import { openStore, requireHome, resolveHome } from './escher-home.ts';
import { createProgressRenderer, createScanner, type ScanSummary } from '../scanner/index.ts';

/**
 * Syncs the configured accounts (or one, by name) into the store: the scanner discovers, the
 * store replaces each complete scope atomically, progress goes to stderr (bars on a TTY, lines
 * otherwise, nothing with `json`). Resolves with SPEC section 7's summary.
 */
export async function runSync(io: CliIo, options: { account?: string; json: boolean }): Promise<ScanSummary> {
  const home = resolveHome(io.env);
  requireHome(home);
  const all = readAccounts(home);
  const chosen = options.account ? all.filter((a) => a.name === options.account) : all;
  if (options.account && chosen.length === 0) {
    throw new UserError('account-not-found', `No account named '${options.account}'`, {
      hint: 'See the configured accounts with `escher accounts list`',
    });
  }
  if (chosen.length === 0) {
    throw new UserError('no-accounts', 'No accounts to sync', {
      hint: 'Connect one with `escher accounts add aws|azure|gcp --name NAME`',
    });
  }
  const providers = chosen.map((a) => buildProvider(home, a));
  const store = await openStore(home, io.env);
  const renderer = createProgressRenderer({ json: options.json, out: io.stderr });
  try {
    const scanner = createScanner({ providers, sink: new RegionalScopeSink(store) });
    return await scanner.scan({ onProgress: (e) => renderer.onEvent(e) });
  } finally {
    renderer.stop();
    store.close();
    for (const p of providers) closeProvider(p);
  }
}

/** The summary exactly as SPEC section 7 names its fields, in that order. */
export function summaryJson(summary: ScanSummary): ScanSummary {
  const { resources, added, changed, removed, errors, apiCalls, durationMs } = summary;
  return { resources, added, changed, removed, errors, apiCalls, durationMs };
}
