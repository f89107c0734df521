import { statSync } from 'node:fs';
import { openAccountSecrets, readAccounts, type AccountSecrets } from '../cli/accounts-file.ts';
import type { CliEnv, EscherHome } from '../cli/escher-home.ts';
import { AccountActions } from '../engine/account-actions.ts';
import { buildEngine, openPlaybookCatalog } from '../engine/build-engine.ts';
import { localUser } from '../engine/cli-session.ts';
import type { Engine } from '../engine/engine.ts';
import type { PlaybookCatalog } from '../playbooks/index.ts';
import { systemClock, type Clock, type Store } from '../store/index.ts';
import type { DaemonLog } from './error-handler.ts';

/** The engine the daemon plans, approves and applies with, over its own open store. */
export interface DaemonEngineParts extends AccountSecrets {
  engine: Engine;
  catalog: PlaybookCatalog;
  /** The playbooks as the user's directory has them now (the CLI re-reads them on every command). */
  refreshPlaybooks(): void;
  close(): void;
}

/**
 * Builds the engine over the daemon's store the way `escher run` builds it (docs/engine.md): the
 * vault's redactor, the ledger's key for approvals, the configured accounts' actions and command
 * environments. Loaded on first use (the providers' SDKs take seconds to load). Accounts are
 * re-read when `accounts.json` changes and no execution is running, so an account added with
 * `escher accounts add` while the daemon runs is used by its next plan.
 */
export async function openDaemonEngine(options: {
  home: EscherHome;
  store: Store;
  env: CliEnv;
  log: DaemonLog;
  clock?: Clock;
  /** Whether an execution is being applied (its account actions must not be closed under it). */
  busy: () => boolean;
}): Promise<DaemonEngineParts> {
  const { home, store, env, log } = options;
  const clock = options.clock ?? systemClock;
  const secrets = await openAccountSecrets(home, store, log);
  const accountsStamp = (): number => {
    try {
      return statSync(home.accountsFile).mtimeMs;
    } catch {
      return 0;
    }
  };
  let stamp = accountsStamp();
  let accounts = new AccountActions(readAccounts(home), secrets.vault, env);
  const current = (): AccountActions => {
    const now = accountsStamp();
    if (now !== stamp && !options.busy()) {
      accounts.close();
      accounts = new AccountActions(readAccounts(home), secrets.vault, env);
      stamp = now;
    }
    return accounts;
  };
  // The daemon acts for the local user who started it, like the CLI (same key, same role).
  const { engine } = buildEngine({ store, secrets, accounts: current, user: localUser(), clock });
  const catalog = openPlaybookCatalog({ store, secrets, home, clock });
  const refreshPlaybooks = (): void => {
    for (const notice of catalog.sync()) log(notice.message);
  };
  refreshPlaybooks();
  return {
    ...secrets,
    engine,
    catalog,
    refreshPlaybooks,
    close: () => accounts.close(),
  };
}
