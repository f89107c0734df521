import type { Command } from 'commander';
import { withEngine } from '../../engine/index.ts';
import { printJson, printLines, type CliIo } from '../cli-io.ts';

/** `escher cancel ID`: stop an execution (its running command groups are killed), or drop a plan not started. */
export function registerCancel(program: Command, io: CliIo): void {
  program
    .command('cancel <executionId>')
    .description('cancel an execution: running steps are killed, the rest never start')
    .option('--json', 'machine output')
    .action(async (id: string, options: { json?: boolean }) => {
      await withEngine(io, async (session) => {
        const state = session.engine.cancel(id);
        const record = session.engine.table.get(id);
        if (options.json) printJson(io, { executionId: record.id, cancelRequested: true, state });
        else
          printLines(io, [
            state === 'running'
              ? `Cancel requested for ${record.id}; it stops within a second (escher executions ${record.id} --follow).`
              : `Cancelled ${record.id} before it started.`,
          ]);
      });
    });
}
