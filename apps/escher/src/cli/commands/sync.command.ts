import type { Command } from 'commander';
import { printJson, printLines, type CliIo } from '../cli-io.ts';
import { runSync, summaryJson } from '../run-sync.ts';
import { formatSummaryLine } from '../../scanner/index.ts';

/** `escher sync [--account A] [--json]`: discovery into the encrypted store. */
export function registerSync(program: Command, io: CliIo): void {
  program
    .command('sync')
    .description('discover every connected account into the store')
    .option('--account <name>', 'only this account')
    .option('--json', 'print only the summary as JSON')
    .action(async (options: { account?: string; json?: boolean }) => {
      const summary = await runSync(io, {
        ...(options.account ? { account: options.account } : {}),
        json: options.json === true,
      });
      if (options.json) printJson(io, summaryJson(summary));
      else
        printLines(io, [
          formatSummaryLine(summary),
          ...summary.errors.map(
            (e) => `  ! ${e.cloud} ${e.account ?? ''} ${e.region ?? ''} ${e.service ?? ''}: ${e.message}`,
          ),
        ]);
      if (summary.errors.length > 0) process.exitCode = 2;
    });
}
