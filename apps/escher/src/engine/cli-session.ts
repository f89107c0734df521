import { FINAL_EXECUTION_STATES, type ExecutionEvent } from '@escher/protocol';
import { openAccountSecrets, readAccounts, type AccountSecrets } from '../cli/accounts-file.ts';
import type { CliIo } from '../cli/cli-io.ts';
import { openStore, requireHome, resolveHome } from '../cli/escher-home.ts';
import { systemClock } from '../store/index.ts';
import { AccountActions } from './account-actions.ts';
import { buildEngine, localUser, openPlaybookCatalog, realSleep } from './build-engine.ts';
import type { Engine } from './engine.ts';
import type { PlaybookCatalog } from '../playbooks/index.ts';
import type { RoleTable } from './roles.ts';
import { describeOrphan, reapOrphans } from './orphan-reaper.ts';
import { renderEvent } from './render-plan.ts';

export { localUser, realSleep } from './build-engine.ts';

/** What the engine commands work with: the open store, vault and ledger, the engine and the playbooks. */
export interface EngineSession extends AccountSecrets {
  engine: Engine;
  catalog: PlaybookCatalog;
  accounts: AccountActions;
  /** Local users' roles (SPEC 9), enforced by the engine. */
  roles: RoleTable;
}

/**
 * Opens the home's store, vault, ledger, accounts and playbooks, builds the engine over them and
 * first marks any execution a dead process left running as interrupted (reported on stderr,
 * never resumed). Closes everything after `fn`, awaited.
 */
export async function withEngine<T>(io: CliIo, fn: (session: EngineSession) => Promise<T>): Promise<T> {
  const home = resolveHome(io.env);
  requireHome(home);
  const store = await openStore(home, io.env);
  let accounts: AccountActions | undefined;
  try {
    const secrets = await openAccountSecrets(home, store, (line) => io.stderr.write(`${line}\n`));
    accounts = new AccountActions(readAccounts(home), secrets.vault, io.env);
    const acts = accounts;
    const { engine, roles } = buildEngine({
      store,
      secrets,
      accounts: () => acts,
      user: localUser(),
      clock: systemClock,
    });
    for (const id of engine.recover()) {
      io.stderr.write(
        `escher: execution ${id} was left running by a process that ended; marked interrupted (not resumed)\n`,
      );
    }
    // The commands those runs had started would otherwise go on with nobody watching them.
    for (const orphan of await reapOrphans(engine.table, (event) => secrets.ledger.append(event))) {
      io.stderr.write(`escher: ${describeOrphan(orphan)}\n`);
    }
    const catalog = openPlaybookCatalog({ store, secrets, home, clock: systemClock });
    for (const notice of catalog.sync()) io.stderr.write(`escher: ${notice.message}\n`);
    return await fn({ ...secrets, engine, catalog, accounts, roles });
  } finally {
    accounts?.close();
    store.close();
  }
}

/**
 * Prints an execution's events from the start, then new ones as they are stored, until it
 * reaches a final state: `--follow` across processes (the run may be applied by another one).
 */
export async function followExecution(
  session: EngineSession,
  executionId: string,
  print: (event: ExecutionEvent) => void,
  pollMs = 200,
): Promise<string> {
  let seq = 0;
  for (;;) {
    for (const event of session.engine.table.eventsAfter(executionId, seq)) {
      seq = event.seq;
      print(event);
    }
    const state = session.engine.table.get(executionId).state;
    if ((FINAL_EXECUTION_STATES as readonly string[]).includes(state)) {
      for (const event of session.engine.table.eventsAfter(executionId, seq)) print(event);
      return state;
    }
    await realSleep(pollMs);
  }
}

/** Prints one event line on stdout. */
export function printEvent(io: CliIo, event: ExecutionEvent): void {
  io.stdout.write(`${renderEvent(event)}\n`);
}
