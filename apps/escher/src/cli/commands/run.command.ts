import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { CLOUDS, UserError } from '@escher/protocol';
import { printEvent, renderPlan, withEngine, type EngineSession } from '../../engine/index.ts';
import { printJson, printLines, type CliIo } from '../cli-io.ts';
import { resolveHome } from '../escher-home.ts';
import { ask } from './run-prompt.ts';
import { parsePairs, selectTargets } from './run-selection.ts';
import { runViaDaemon } from './run-via-daemon.ts';

/** Exit code when an applied execution did not succeed (failed, rolled back, cancelled). */
export const EXECUTION_NOT_SUCCEEDED_EXIT = 5;

export interface RunOptions {
  target?: string[];
  cloud?: string;
  account?: string;
  region?: string;
  environment?: string;
  type?: string;
  tag?: string[];
  param?: string[];
  version?: string;
  planOnly?: boolean;
  plan?: string;
  yes?: boolean;
  detach?: boolean;
  dryRun?: boolean;
  json?: boolean;
  viaDaemon?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `escher run PLAYBOOK [selection]`: plan, show, ask, approve (signed), apply. */
export function registerRun(program: Command, io: CliIo): void {
  program
    .command('run [playbook]')
    .description('plan a playbook over chosen targets, ask, then apply it (docs/engine.md)')
    .option('--target <id-or-name>', 'a target by id or name (repeat for more)', collect)
    .option('--cloud <cloud>', `only targets on this cloud (${CLOUDS.join(', ')})`)
    .option('--account <account>', 'only targets in this account')
    .option('--region <region>', 'only targets in this region')
    .option('--environment <env>', 'only targets of this environment (prod, staging, dev, test)')
    .option('--type <type>', 'only targets of this resource type')
    .option('--tag <key=value>', 'only targets with this tag (repeat for more)', collect)
    .option('--param <name=value>', 'a playbook parameter (repeat for more)', collect)
    .option('--version <version>', 'a kept older version of the playbook')
    .option('--plan-only', 'store and show the plan; approve later with `escher approve`')
    .option('--plan <planId>', 'apply a plan already approved with `escher approve`')
    .option('--no-dry-run', 'skip asking the cloud to dry-run the first operation of each target')
    .option('--yes', 'approve without asking (refused for production plans)')
    .option('--detach', 'apply in the background and print the execution id')
    .option('--json', 'machine output (the plan; with --yes, the final execution)')
    .option(
      '--via-daemon',
      "plan, approve and apply through the running daemon (the run lives in the daemon's process)",
    )
    .action(async (playbookId: string | undefined, options: RunOptions) => {
      if (options.viaDaemon) return runViaDaemon(io, resolveHome(io.env), playbookId, options);
      await withEngine(io, async (session) => {
        if (options.plan) return applyApproved(io, session, options.plan, options);
        if (!playbookId) {
          throw new UserError('playbook-missing', 'Name the playbook to run', {
            hint: 'For example: escher run stop-compute-instance --environment dev --region us-east-1',
          });
        }
        const found = session.catalog.get(playbookId, options.version);
        const candidates = selectTargets(session.store, found.playbook.playbook.applicability, options);
        const { plan, hash, executionId } = await session.engine.plan({
          playbook: found.playbook,
          state: found.state,
          candidates,
          params: parsePairs(options.param ?? [], '--param'),
          dryRun: options.dryRun !== false,
        });
        if (options.json && (options.planOnly || !options.yes)) printJson(io, { plan, hash, executionId });
        else if (!options.json) printLines(io, renderPlan(plan, hash, executionId));
        const errors = plan.findings.filter((f) => f.severity === 'error');
        if (errors.length > 0) {
          throw new UserError(
            'plan-has-errors',
            `The plan has ${errors.length} error(s); nothing was changed`,
            {
              hint: 'Fix the selection or the playbook and plan again',
            },
          );
        }
        if (options.planOnly) {
          if (!options.json) printLines(io, [`Stored. Approve with: escher approve ${plan.id}`]);
          return;
        }
        const confirmation = options.yes ? ({ kind: 'yes' } as const) : await ask(io, plan);
        session.engine.approve(plan.id, confirmation, found.state);
        await applyApproved(io, session, plan.id, options);
      });
    });
}

/** Applies an approved plan: in this process (streaming its events), or detached in a new one. */
export async function applyApproved(
  io: CliIo,
  session: EngineSession,
  planId: string,
  options: { detach?: boolean; json?: boolean },
): Promise<void> {
  const record = session.engine.table.get(planId);
  if (options.detach) {
    const bin = process.argv[1] as string;
    const child = spawn(process.execPath, [...process.execArgv, bin, 'run', '--plan', record.planId], {
      detached: true,
      stdio: 'ignore',
      env: { ...io.env },
    });
    child.unref();
    if (options.json) printJson(io, { executionId: record.id, planId: record.planId, detached: true });
    else
      printLines(io, [
        `Applying in the background: ${record.id}. Follow it with: escher executions ${record.id} --follow`,
      ]);
    return;
  }
  const unsubscribe = options.json
    ? () => undefined
    : session.engine.bus.subscribe((event) => printEvent(io, event));
  const onSignal = (): void => session.engine.table.requestCancel(record.id);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { state } = await session.engine.apply(record.planId);
    if (options.json) printJson(io, session.engine.table.get(record.id));
    if (state !== 'succeeded') process.exitCode = EXECUTION_NOT_SUCCEEDED_EXIT;
  } finally {
    unsubscribe();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
