import { hostname } from 'node:os';
import {
  OperationalError,
  UserError,
  type Plan,
  type PlannedStep,
  type PlanTarget,
  type RenderedAction,
  type Resource,
} from '@escher/protocol';
import type { OperationOutcome, ProviderActions } from '@escher/provider-api';
import { runCommand, type CommandResult } from './command-runner.ts';
import type { ExecutorDeps } from './run-execution.ts';

/** One execution in progress, as every step of it sees it. */
export interface RunContext {
  executionId: string;
  plan: Plan;
  deps: ExecutorDeps;
  signal: AbortSignal;
  now: () => string;
}

/** A step that changed something on its target (so a rollback may have to undo it). */
export interface Done {
  step: PlannedStep;
  outcome?: OperationOutcome;
}

export interface Performed {
  status: 'succeeded' | 'failed' | 'timed-out' | 'cancelled';
  exitCode: number | null;
  message: string;
  outcome?: OperationOutcome;
}

export async function perform(
  run: RenderedAction,
  resource: Resource,
  t: PlanTarget,
  timeoutMs: number,
  ctx: RunContext,
  stepId: string,
): Promise<Performed> {
  if ('argv' in run) {
    const r = await commandFor(run.argv, resource, t, timeoutMs, ctx, stepId);
    const status = r.cancelled
      ? 'cancelled'
      : r.timedOut
        ? 'timed-out'
        : r.exitCode === 0
          ? 'succeeded'
          : 'failed';
    return {
      status,
      exitCode: r.exitCode,
      message: r.timedOut
        ? `timed out after ${timeoutMs / 1000}s`
        : r.exitCode === 0
          ? ''
          : `exited ${String(r.exitCode ?? r.signal)}`,
    };
  }
  const op = requireActions(resource, ctx.deps).operations.find((o) => o.id === run.operation);
  if (!op)
    throw new OperationalError(
      'operation-missing',
      `${run.operation} is not implemented on ${resource.cloud}`,
    );
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  try {
    const outcome = await Promise.race([
      op.run({ target: resource, params: run.params, signal: AbortSignal.any([ctx.signal, timeout.signal]) }),
      new Promise<never>((_, reject) => {
        const fail = (): void =>
          reject(new OperationalError('step-timeout', `timed out after ${timeoutMs / 1000}s`));
        timeout.signal.addEventListener('abort', fail, { once: true });
      }),
    ]);
    ctx.deps.bus.emit({
      executionId: ctx.executionId,
      kind: 'output',
      target: t.id,
      stepId,
      stream: 'stdout',
      text: outcome.message,
    });
    return { status: 'succeeded', exitCode: null, message: outcome.message, outcome };
  } catch (error) {
    if (timeout.signal.aborted)
      return { status: 'timed-out', exitCode: null, message: `timed out after ${timeoutMs / 1000}s` };
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

export async function commandFor(
  argv: readonly string[],
  resource: Resource,
  t: PlanTarget,
  timeoutMs: number,
  ctx: RunContext,
  stepId: string,
): Promise<CommandResult> {
  return runCommand({
    argv,
    env: await ctx.deps.commandEnv(resource),
    timeoutMs,
    signal: ctx.signal,
    // Recorded on the step row, so recovery can end the group if this process is killed.
    onProcess: (proc) =>
      ctx.deps.table.setStepProcess(ctx.executionId, t.id, stepId, proc && { ...proc, host: hostname() }),
    onLine: (stream, line) =>
      ctx.deps.bus.emit({
        executionId: ctx.executionId,
        kind: 'output',
        target: t.id,
        stepId,
        stream,
        text: line,
      }),
  });
}

export function requireActions(resource: Resource, deps: ExecutorDeps): ProviderActions {
  const actions = deps.actionsFor(resource);
  if (!actions) {
    throw new UserError(
      'no-account-for-target',
      `No connected ${resource.cloud} account reaches ${resource.id}`,
      {
        hint: 'Connect it with `escher accounts add`',
      },
    );
  }
  return actions;
}

/** Undoes what ran on one target, newest first. True when every undo succeeded. */
export async function rollBack(
  t: PlanTarget,
  resource: Resource,
  done: readonly Done[],
  ctx: RunContext,
): Promise<boolean> {
  const { deps, executionId } = ctx;
  deps.record({ kind: 'rollback', data: { executionId, status: 'started', target: t.id } });
  let ok = true;
  for (const { step, outcome } of [...done].reverse()) {
    const undo: RenderedAction | undefined =
      step.rollback === 'auto'
        ? outcome?.undo
          ? { operation: outcome.undo.operation, params: outcome.undo.params }
          : undefined
        : step.rollback;
    if (!undo) {
      deps.bus.emit({
        executionId,
        kind: 'notice',
        target: t.id,
        stepId: step.id,
        text: `${step.id}: nothing to undo`,
      });
      continue;
    }
    try {
      // Rollback runs even after a cancel: leaving a half-changed target is worse.
      const r = await perform(
        undo,
        resource,
        t,
        step.timeoutSeconds * 1000,
        { ...ctx, signal: new AbortController().signal },
        step.id,
      );
      if (r.status !== 'succeeded') throw new OperationalError('rollback-failed', r.message || r.status);
      deps.table.putStep(executionId, t.id, step.id, { status: 'rolled-back' });
      deps.record({
        kind: 'rollback',
        data: { executionId, status: 'succeeded', stepId: step.id, target: t.id },
      });
      deps.bus.emit({
        executionId,
        kind: 'step',
        target: t.id,
        stepId: step.id,
        text: `${step.id} rolled back on ${t.name || t.id}`,
      });
    } catch (error) {
      ok = false;
      const reason = deps.redact(error instanceof Error ? error.message : String(error));
      deps.record({
        kind: 'rollback',
        data: { executionId, status: 'failed', stepId: step.id, target: t.id, reason },
      });
      deps.bus.emit({
        executionId,
        kind: 'step',
        target: t.id,
        stepId: step.id,
        text: `${step.id} rollback failed on ${t.name || t.id}: ${reason}`,
      });
    }
  }
  return ok;
}
