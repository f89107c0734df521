import type { Command } from 'commander';
import { printJson, printLines, type CliIo } from '../cli-io.ts';
import { openStore, requireHome, resolveHome, type CliEnv, type EscherHome } from '../escher-home.ts';
import { acquireSyncLock } from '../sync-lock.ts';
import { terminalSafe } from '../terminal-text.ts';
import { formatSummaryLine } from '../../scanner/index.ts';

/** `escher sync [--account A] [--json]`: discovery into the encrypted store. */
export function registerSync(program: Command, io: CliIo): void {
  program
    .command('sync')
    .description('discover every connected account into the store')
    .option('--account <name>', 'only this account')
    .option('--json', 'print only the summary as JSON')
    .action(async (options: { account?: string; json?: boolean }) => {
      const home = resolveHome(io.env);
      requireHome(home);
      const lock = acquireSyncLock(home);
      try {
        // Loaded here, not at the top: the three clouds' SDKs take seconds to load, and every
        // other command (resources, accounts, …) would otherwise pay for them at start-up.
        const { runSync, summaryJson } = await import('../run-sync.ts');
        if (lock.tookOverStale) {
          const interrupted = await markInterruptedSyncs(home, io.env);
          if (interrupted > 0 && !options.json) {
            io.stderr.write(
              `The last sync was cut short (its process died); marked ${interrupted} sync${interrupted === 1 ? '' : 's'} interrupted.\n`,
            );
          }
        }
        const summary = await runSync(io, {
          ...(options.account ? { account: options.account } : {}),
          json: options.json === true,
        });
        if (options.json) printJson(io, summaryJson(summary));
        else
          printLines(io, [
            formatSummaryLine(summary),
            ...summary.errors.map(
              (e) =>
                `  ! ${e.cloud} ${e.account ?? ''} ${e.region ?? ''} ${e.service ?? ''}: ${terminalSafe(e.message)}`,
            ),
          ]);
        if (summary.errors.length > 0) process.exitCode = 2;
      } finally {
        lock.release();
      }
    });
}

/**
 * Marks the syncs a killed process left `running` as interrupted. Only safe under the sync lock,
 * when no other process can be syncing into this store.
 */
async function markInterruptedSyncs(home: EscherHome, env: CliEnv): Promise<number> {
  const store = await openStore(home, env);
  try {
    return store.interruptStaleSyncs();
  } finally {
    store.close();
  }
}
