import {
  DAEMON_OPERATIONS,
  UserError,
  type Cloud,
  type ExecutionEvent,
  type ExecutionRecord,
  type ResourceType,
} from '@escher/protocol';
import { connectToDaemon, type DaemonConnection } from '../../daemon/daemon-state.ts';
import { followExecutionViaDaemon } from '../../daemon/daemon-stream-client.ts';
import { renderEvent, renderPlan } from '../../engine/render-plan.ts';
import { printJson, printLines, type CliIo } from '../cli-io.ts';
import { requireHome, type EscherHome } from '../escher-home.ts';
import { ask } from './run-prompt.ts';
import { parsePairs } from './run-selection.ts';
import type { RunOptions } from './run.command.ts';

/** Exit code when an applied execution did not succeed (as `escher run`). */
const NOT_SUCCEEDED_EXIT = 5;

/**
 * `escher run … --via-daemon`: the same plan, prompt and approval rules as `escher run`, but the
 * plan, the signed approval and the run itself happen in the home's daemon (docs/daemon.md), and
 * the output is followed over its WebSocket. The run survives this command: Ctrl+C asks the
 * daemon to cancel it; `--detach` leaves it running and prints its id.
 */
export async function runViaDaemon(
  io: CliIo,
  home: EscherHome,
  playbookId: string | undefined,
  options: RunOptions,
): Promise<void> {
  requireHome(home);
  const daemon = await connectToDaemon(home.dir);
  const { client } = daemon;
  let executionId: string;
  if (options.plan) {
    executionId = (await client.call(DAEMON_OPERATIONS.getExecution, { params: { id: options.plan } }))
      .execution.id;
  } else {
    if (!playbookId) {
      throw new UserError('playbook-missing', 'Name the playbook to run', {
        hint: 'For example: escher run stop-compute-instance --environment dev --region us-east-1 --via-daemon',
      });
    }
    const {
      plan,
      hash,
      executionId: id,
    } = await client.call(DAEMON_OPERATIONS.createPlan, {
      body: {
        playbook: playbookId,
        ...(options.version ? { version: options.version } : {}),
        ...(options.target ? { target: options.target } : {}),
        ...(options.cloud ? { cloud: options.cloud as Cloud } : {}),
        ...(options.account ? { account: options.account } : {}),
        ...(options.region ? { region: options.region } : {}),
        ...(options.environment ? { environment: options.environment } : {}),
        ...(options.type ? { type: options.type as ResourceType } : {}),
        ...(options.tag ? { tag: options.tag } : {}),
        params: parsePairs(options.param ?? [], '--param'),
        dryRun: options.dryRun !== false,
      },
    });
    executionId = id;
    if (options.json && (options.planOnly || !options.yes)) printJson(io, { plan, hash, executionId });
    else if (!options.json) printLines(io, renderPlan(plan, hash, executionId));
    const errors = plan.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) {
      throw new UserError('plan-has-errors', `The plan has ${errors.length} error(s); nothing was changed`, {
        hint: 'Fix the selection or the playbook and plan again',
      });
    }
    if (options.planOnly) {
      if (!options.json) printLines(io, [`Stored. Approve with: escher approve ${plan.id}`]);
      return;
    }
    const confirmation = options.yes ? ({ kind: 'yes' } as const) : await ask(io, plan);
    await client.call(DAEMON_OPERATIONS.approveExecution, {
      params: { id: plan.id },
      body: confirmation.kind === 'yes' ? { yes: true } : { typed: confirmation.text },
    });
  }
  await client.call(DAEMON_OPERATIONS.applyExecution, { params: { id: executionId } });
  if (options.detach) {
    if (options.json) printJson(io, { executionId, daemon: daemon.url, detached: true });
    else
      printLines(io, [
        `Applying in the daemon (${daemon.url}): ${executionId}. Follow it with: escher executions ${executionId} --follow`,
      ]);
    return;
  }
  const record = await followWithCancel(daemon, executionId, (event) => {
    if (!options.json) io.stdout.write(`${renderEvent(event)}\n`);
  });
  if (options.json) printJson(io, record);
  if (record.state !== 'succeeded') process.exitCode = NOT_SUCCEEDED_EXIT;
}

/**
 * Prints an execution's events from the daemon's WebSocket until it ends; Ctrl+C / SIGTERM ask
 * the daemon to cancel the run (it keeps running in the daemon otherwise).
 */
export async function followWithCancel(
  daemon: DaemonConnection,
  executionId: string,
  onEvent: (event: ExecutionEvent) => void,
): Promise<ExecutionRecord> {
  const onSignal = (): void => {
    void daemon.client
      .call(DAEMON_OPERATIONS.cancelExecution, { params: { id: executionId } })
      .catch(() => undefined);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await followExecutionViaDaemon({
      baseUrl: daemon.url,
      token: daemon.token,
      executionId,
      onEvent,
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
