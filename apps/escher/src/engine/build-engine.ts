import { userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { AccountSecrets } from '../cli/accounts-file.ts';
import type { EscherHome } from '../cli/escher-home.ts';
import { PlaybookCatalog } from '../playbooks/index.ts';
import { writeRefreshed } from '../store/refresh-writer.ts';
import type { Clock, Store } from '../store/index.ts';
import type { AccountActions } from './account-actions.ts';
import type { Sleep } from './verify-step.ts';
import { Engine } from './engine.ts';
import { RoleTable } from './roles.ts';

/** Waits `ms`, ending early (without throwing) when `signal` aborts. */
export const realSleep: Sleep = async (ms, signal) => {
  try {
    await delay(ms, undefined, signal ? { signal } : {});
  } catch {
    // Aborted: the caller looks at the signal.
  }
};

/** The local user name approvals are signed under. */
export function localUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? 'unknown';
  }
}

/** The engine and the local roles it enforces, over one open store. */
export interface BuiltEngine {
  engine: Engine;
  roles: RoleTable;
}

/**
 * The one wiring of the engine over a home's store, vault and ledger, shared by the CLI's
 * commands and the daemon so both plan, approve and apply under the same rules: the ledger's key
 * for approvals, the local user's role, the vault's redactor plus the secrets this process
 * obtained itself (assumed-role keys), and the store refreshed after each apply. `accounts` is a
 * function because the daemon swaps its account actions when `accounts.json` changes.
 */
export function buildEngine(options: {
  store: Store;
  secrets: AccountSecrets;
  accounts: () => AccountActions;
  user: string;
  clock: Clock;
}): BuiltEngine {
  const { store, secrets, accounts, user } = options;
  const redactor = secrets.vault.redactor();
  const record = (
    event: Parameters<typeof secrets.ledger.append>[0],
  ): ReturnType<typeof secrets.ledger.append> => secrets.ledger.append(event);
  const roles = new RoleTable(store.database(), record);
  const engine = new Engine({
    db: store.database(),
    record,
    signingKey: () => secrets.ledger.signingKey(),
    actor: user,
    clock: options.clock,
    sleep: realSleep,
    graph: store.edges(),
    resourceOf: (id) => store.getResource(id),
    actionsFor: (target) => accounts().actionsFor(target),
    commandEnv: (target) => accounts().commandEnv(target),
    redact: (text) => accounts().redactObtained(redactor.redact(text)),
    load: (clouds) => accounts().load(clouds),
    role: () => roles.roleOf(user),
    writeRefreshed: (refreshed) => writeRefreshed(store, refreshed),
  });
  return { engine, roles };
}

/** The playbook catalogue over the store: built-ins plus `$ESCHER_HOME/playbooks`. */
export function openPlaybookCatalog(options: {
  store: Store;
  secrets: AccountSecrets;
  home: EscherHome;
  clock: Clock;
}): PlaybookCatalog {
  return new PlaybookCatalog({
    db: options.store.database(),
    record: (event) => options.secrets.ledger.append(event),
    clock: options.clock,
    userDir: join(options.home.dir, 'playbooks'),
  });
}
