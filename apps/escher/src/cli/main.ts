import { Command, CommanderError } from 'commander';
import { toEscherError } from '@escher/protocol';
import type { CliIo } from './cli-io.ts';
import { registerAccounts } from './commands/accounts.command.ts';
import { registerAsk } from './commands/ask.command.ts';
import { registerApprove } from './commands/approve.command.ts';
import { registerAudit } from './commands/audit.command.ts';
import { registerCancel } from './commands/cancel.command.ts';
import { registerDaemon } from './commands/daemon.command.ts';
import { registerDemo } from './commands/demo.command.ts';
import { registerExecutions } from './commands/executions.command.ts';
import { registerGraph } from './commands/graph.command.ts';
import { registerHistory } from './commands/history.command.ts';
import { registerImport } from './commands/import.command.ts';
import { registerInit } from './commands/init.command.ts';
import { registerPlaybooks } from './commands/playbooks.command.ts';
import { registerResources } from './commands/resources.command.ts';
import { registerRole } from './commands/role.command.ts';
import { registerRun } from './commands/run.command.ts';
import { registerSearch } from './commands/search.command.ts';
import { registerServer } from './commands/server.command.ts';
import { registerSync } from './commands/sync.command.ts';

/** Builds the `escher` command tree over the given streams and environment. */
export function createProgram(io: CliIo): Command {
  const program = new Command('escher')
    .description('Escher: privacy-first multi-cloud operations')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  registerInit(program, io);
  registerAccounts(program, io);
  registerSync(program, io);
  registerImport(program, io);
  registerResources(program, io);
  registerSearch(program, io);
  registerGraph(program, io);
  registerHistory(program, io);
  registerDemo(program, io);
  registerAudit(program, io);
  registerPlaybooks(program, io);
  registerDaemon(program, io);
  registerRun(program, io);
  registerApprove(program, io);
  registerExecutions(program, io);
  registerCancel(program, io);
  registerRole(program, io);
  registerServer(program, io);
  registerAsk(program, io);
  return program;
}

/**
 * Runs the CLI and resolves with its exit code. Errors become one line on stderr (with the hint)
 * and a non-zero code — 1 for the user's input, 2 for the world (network, throttling), 3 for bugs;
 * stdout stays empty, so `--json` consumers never parse an error as data.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  try {
    await createProgram(io).parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    // commander has already printed its own one-line message (or the help / version).
    if (error instanceof CommanderError) return error.exitCode;
    const e = toEscherError(error);
    io.stderr.write(`escher: ${e.message.split('\n')[0]}${e.hint ? ` (hint: ${e.hint})` : ''}\n`);
    if (e.kind === 'user') return 1;
    return e.kind === 'operational' ? 2 : 3;
  }
}
