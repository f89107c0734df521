import type { Command } from 'commander';
import { EXECUTION_STATES, UserError, type ExecutionState } from '@escher/protocol';
import {
  followExecution,
  printEvent,
  renderExecution,
  renderExecutionList,
  withEngine,
} from '../../engine/index.ts';
import { DAEMON_OPERATIONS } from '@escher/protocol';
import { connectToDaemon } from '../../daemon/daemon-state.ts';
import { followExecutionViaDaemon } from '../../daemon/daemon-stream-client.ts';
import { renderEvent } from '../../engine/render-plan.ts';
import { printJson, printLines, type CliIo } from '../cli-io.ts';
import { resolveHome } from '../escher-home.ts';

/** `escher executions [ID] [--follow]`: list executions, show one, or stream its output live. */
export function registerExecutions(program: Command, io: CliIo): void {
  program
    .command('executions [id]')
    .description('list executions, show one with its steps, or --follow its output')
    .option('--follow', 'stream the execution output (from the start) until it ends')
    .option('--state <state>', `only executions in this state (${EXECUTION_STATES.join(', ')})`)
    .option('--limit <n>', 'how many of the newest', '50')
    .option('--json', 'machine output')
    .action(
      async (
        id: string | undefined,
        options: { follow?: boolean; state?: string; limit: string; json?: boolean },
      ) => {
        if (options.state !== undefined && !(EXECUTION_STATES as readonly string[]).includes(options.state)) {
          throw new UserError('state-invalid', `Unknown execution state '${options.state}'`, {
            hint: `Use one of ${EXECUTION_STATES.join(', ')}`,
          });
        }
        // With a daemon running, follow over its WebSocket: pushed at once, not polled.
        const daemon =
          id !== undefined && options.follow
            ? await connectToDaemon(resolveHome(io.env).dir, true)
            : undefined;
        if (daemon && id !== undefined) {
          const { execution } = await daemon.client.call(DAEMON_OPERATIONS.getExecution, { params: { id } });
          if (execution.state !== 'pending-approval') {
            const record = await followExecutionViaDaemon({
              baseUrl: daemon.url,
              token: daemon.token,
              executionId: execution.id,
              onEvent: (event) =>
                io.stdout.write(`${options.json ? JSON.stringify(event) : renderEvent(event)}\n`),
            });
            if (!options.json) printLines(io, renderExecution(record));
            return;
          }
        }
        await withEngine(io, async (session) => {
          const table = session.engine.table;
          if (id === undefined) {
            const records = table.list({
              ...(options.state ? { state: options.state as ExecutionState } : {}),
              limit: Number(options.limit) || 50,
            });
            if (options.json) printJson(io, { count: records.length, executions: records });
            else printLines(io, renderExecutionList(records));
            return;
          }
          const record = table.get(id);
          if (options.follow && !['pending-approval'].includes(record.state)) {
            await followExecution(session, record.id, (event) =>
              options.json ? io.stdout.write(`${JSON.stringify(event)}\n`) : printEvent(io, event),
            );
            if (!options.json) printLines(io, renderExecution(table.get(record.id)));
            return;
          }
          if (options.json) printJson(io, { ...record, events: table.eventsAfter(record.id, 0) });
          else printLines(io, renderExecution(record));
        });
      },
    );
}
