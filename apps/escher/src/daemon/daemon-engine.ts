import { statSync } from 'node:fs';
import { join } from 'node:path';
import { openAccountSecrets, readAccounts, type AccountSecrets } from '../cli/accounts-file.ts';
import type { CliEnv, EscherHome } from '../cli/escher-home.ts';
import { AccountActions } from '../engine/account-actions.ts';
import { localUser, realSleep } from '../engine/cli-session.ts';
import { Engine } from '../engine/engine.ts';
import { RoleTable } from '../engine/roles.ts';
import { writeRefreshed } from '../store/refresh-writer.ts';
import { PlaybookCatalog } from '../playbooks/index.ts';
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
  const redactor = secrets.vault.redactor();
  const roles = new RoleTable(store.database(), (event) => secrets.ledger.append(event));
  // The daemon acts for the local user who started it, like the CLI (same key, same role).
  const user = localUser();
  // The same wiring as the CLI's `withEngine` (engine/cli-session.ts): keep the two alike.
  const engine = new Engine({
    db: store.database(),
    record: (event) => secrets.ledger.append(event),
    signingKey: () => secrets.ledger.signingKey(),
    actor: user,
    clock,
    sleep: realSleep,
    graph: store.edges(),
    resourceOf: (id) => store.getResource(id),
    actionsFor: (target) => current().actionsFor(target),
    commandEnv: (target) => current().commandEnv(target),
    // The vault's secrets, then those this process obtained itself (assumed-role keys).
    redact: (text) => current().redactObtained(redactor.redact(text)),
    load: (clouds) => current().load(clouds),
    role: () => roles.roleOf(user),
    writeRefreshed: (refreshed) => writeRefreshed(store, refreshed),
  });
  const catalog = new PlaybookCatalog({
    db: store.database(),
    record: (event) => secrets.ledger.append(event),
    clock,
    userDir: join(home.dir, 'playbooks'),
  });
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
