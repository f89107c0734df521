import { hostname } from 'node:os';
import {
  UserError,
  type ExecutionState,
  type LedgerEvent,
  type Plan,
  type PlannedStep,
  type PlanTarget,
  type Resource,
} from '@escher/protocol';
import { mapLimit, type OperationOutcome, type ProviderActions } from '@escher/provider-api';
import type { Clock } from '../store/index.ts';
import type { ExecutionBus } from './event-bus.ts';
import type { ExecutionTable } from './execution-table.ts';
import { commandFor, perform, requireActions, rollBack, type Done, type RunContext } from './step-actions.ts';
import { captureBefore, mayRollBack, verifyRestored, type BeforeState } from './rollback-verify.ts';
import { verifyUntil, type Sleep } from './verify-step.ts';

/** What applying a plan needs from the outside world; all injectable for tests. */
export interface ExecutorDeps {
  table: ExecutionTable;
  bus: ExecutionBus;
  record: (event: LedgerEvent) => unknown;
  clock: Clock;
  sleep: Sleep;
  /** The stored resource of a target id (the full record operations need). */
  resourceOf: (id: string) => Resource | undefined;
  actionsFor: (target: Resource) => ProviderActions | undefined;
  /** Environment of a command step for one target: base variables plus its cloud's credentials. */
  commandEnv: (target: Resource) => Record<string, string> | Promise<Record<string, string>>;
  redact: (text: string) => string;
  /** How often the run looks for a cancel requested by another process. */
  cancelPollMs?: number;
  /**
   * Writes the targets an execution changed, re-read from their clouds, to the store (gone ones
   * as removed), so `escher resources` shows the new state without a sync. Left out: not written.
   */
  writeRefreshed?: (refreshed: RefreshedTarget[]) => unknown;
}

/** A target re-read after the run; `resource` undefined when its cloud says it is gone. */
export interface RefreshedTarget {
  id: string;
  resource: Resource | undefined;
}

type TargetResult = 'succeeded' | 'failed' | 'rolled-back' | 'cancelled' | 'skipped';

/**
 * Applies an approved plan (SPEC section 5, "apply" lane): waves (canary first, then batches —
 * a wave with a failure stops the rest), `concurrency` targets at a time, each target's steps
 * serial, parallel or by `dependsOn`; per-step timeout and retries; verify; on failure abort,
 * continue or roll back (the operation's undo or the step's own rollback, newest first). Every
 * step start and end, rollback and the outcome go to the ledger; output lines to the bus.
 * Resolves with the final state. The caller has checked the approval.
 */
export async function runExecution(
  executionId: string,
  plan: Plan,
  planHash: string,
  deps: ExecutorDeps,
): Promise<ExecutionState> {
  const { table } = deps;
  const now = (): string => new Date(deps.clock.now()).toISOString();
  if (
    !table.setState(executionId, 'running', {
      from: ['approved'],
      at: now(),
      pid: process.pid,
      host: hostname(),
    })
  ) {
    const state = table.owner(executionId).state;
    throw new UserError(
      'execution-not-approved',
      `${executionId} is ${state}; only an approved execution can start`,
      {
        hint:
          state === 'pending-approval'
            ? `Approve it first: escher approve ${plan.id}`
            : 'An execution runs once; plan again to repeat it',
      },
    );
  }
  const started = deps.clock.now();
  deps.record({ kind: 'execution-started', data: { executionId, planId: plan.id, planHash } });
  deps.bus.emit({
    executionId,
    kind: 'state',
    text: `running ${plan.playbook.id} on ${plan.targets.length} target(s)`,
  });

  const abort = new AbortController();
  const poll = setInterval(() => {
    if (!abort.signal.aborted && table.cancelRequested(executionId)) abort.abort();
  }, deps.cancelPollMs ?? 250);
  poll.unref();
  const ctx: RunContext = { executionId, plan, deps, signal: abort.signal, now };

  const results = new Map<string, TargetResult>();
  const touched: PlanTarget[] = [];
  const waves = splitWaves(plan);
  try {
    for (const [w, wave] of waves.entries()) {
      if (abort.signal.aborted) break;
      if (waves.length > 1)
        deps.bus.emit({
          executionId,
          kind: 'notice',
          text: `wave ${w + 1}/${waves.length}: ${wave.length} target(s)`,
        });
      await mapLimit(wave, plan.execution.concurrency, async (t) => {
        if (abort.signal.aborted) {
          results.set(t.id, 'cancelled');
          return;
        }
        touched.push(t);
        results.set(t.id, await runTarget(t, ctx));
      });
      const bad = wave.filter((t) => results.get(t.id) !== 'succeeded');
      if (bad.length > 0 && w < waves.length - 1) {
        deps.bus.emit({
          executionId,
          kind: 'notice',
          text: `wave ${w + 1} did not fully succeed: the remaining waves are not run`,
        });
        break;
      }
    }
  } catch (error) {
    // A bug or a broken store mid-run: close the record as failed rather than leave it running.
    const message = deps.redact(error instanceof Error ? error.message : String(error));
    table.setState(executionId, 'failed', { at: now(), message });
    deps.record({ kind: 'execution-finished', data: { executionId, status: 'failed', reason: message } });
    throw error;
  } finally {
    clearInterval(poll);
  }
  for (const t of plan.targets) {
    if (!results.has(t.id)) {
      results.set(t.id, abort.signal.aborted ? 'cancelled' : 'skipped');
      for (const s of t.steps)
        table.putStep(executionId, t.id, s.id, { status: abort.signal.aborted ? 'cancelled' : 'skipped' });
    }
  }
  await refreshStore(touched, ctx);
  const all = [...results.values()];
  const final: ExecutionState = abort.signal.aborted
    ? 'cancelled'
    : all.some((r) => r === 'failed' || r === 'skipped')
      ? 'failed'
      : all.some((r) => r === 'rolled-back')
        ? 'rolled-back'
        : 'succeeded';
  if (final === 'cancelled')
    deps.record({ kind: 'execution-cancelled', data: { executionId, reason: 'cancel requested' } });
  table.setState(executionId, final, { at: now() });
  deps.record({
    kind: 'execution-finished',
    data: { executionId, status: final, durationMs: Math.max(0, deps.clock.now() - started) },
  });
  deps.bus.emit({ executionId, kind: 'state', text: final });
  return final;
}

function splitWaves(plan: Plan): PlanTarget[][] {
  const targets = plan.targets;
  const w = plan.execution.waves;
  if (!w || targets.length <= w.canary) return [targets];
  const waves: PlanTarget[][] = w.canary > 0 ? [targets.slice(0, w.canary)] : [];
  for (let i = w.canary; i < targets.length; i += w.batchSize) waves.push(targets.slice(i, i + w.batchSize));
  return waves;
}

async function runTarget(t: PlanTarget, ctx: RunContext): Promise<TargetResult> {
  const resource = ctx.deps.resourceOf(t.id);
  if (!resource) {
    ctx.deps.bus.emit({
      executionId: ctx.executionId,
      kind: 'notice',
      target: t.id,
      text: 'no longer in the store: skipped',
    });
    return 'failed';
  }
  // The before-state a rollback must restore, read before any step changes the target.
  const before = mayRollBack(t.steps) ? await captureBefore(resource, ctx) : undefined;
  const done: Done[] = [];
  const strategy = ctx.plan.execution.strategy;
  let failed: PlannedStep | undefined;
  if (strategy === 'parallel') {
    const outcomes = await Promise.all(
      t.steps.map(async (s) => ({ s, r: await runStep(t, resource, s, ctx) })),
    );
    for (const { s, r } of outcomes) {
      if (r.ok || r.changed) done.push({ step: s, ...(r.outcome ? { outcome: r.outcome } : {}) });
      if (!r.ok && s.onFailure !== 'continue') failed ??= s;
    }
  } else {
    const pending = [...t.steps];
    const finished = new Set<string>();
    while (pending.length > 0 && !ctx.signal.aborted) {
      // Serial takes steps in order; graph takes the first whose dependencies are done.
      const i =
        strategy === 'graph' ? pending.findIndex((s) => s.dependsOn.every((d) => finished.has(d))) : 0;
      const step = pending.splice(Math.max(0, i), 1)[0] as PlannedStep;
      const r = await runStep(t, resource, step, ctx);
      if (r.ok || r.changed) done.push({ step, ...(r.outcome ? { outcome: r.outcome } : {}) });
      if (r.ok || step.onFailure === 'continue') {
        finished.add(step.id);
        continue;
      }
      failed = step;
      break;
    }
    for (const s of pending)
      ctx.deps.table.putStep(ctx.executionId, t.id, s.id, {
        status: ctx.signal.aborted ? 'cancelled' : 'skipped',
      });
  }
  if (ctx.signal.aborted) return 'cancelled';
  if (!failed) return 'succeeded';
  if (failed.onFailure !== 'rollback') return 'failed';
  if (!(await rollBack(t, resource, done, ctx))) return 'failed';
  return (await rollbackHeld(t, resource, before, ctx)) ? 'rolled-back' : 'failed';
}

/**
 * Checks that the undos really put the target back (re-read until it matches the before-state or
 * the verify time runs out). Recorded in the ledger either way; a target whose rollback did not
 * hold is `failed`, never `rolled-back`.
 */
async function rollbackHeld(
  t: PlanTarget,
  resource: Resource,
  before: BeforeState | undefined,
  ctx: RunContext,
): Promise<boolean> {
  const { deps, executionId } = ctx;
  const why = await verifyRestored(t, resource, before ?? { ok: false, reason: 'not read' }, ctx);
  deps.record({
    kind: 'rollback',
    data: {
      executionId,
      target: t.id,
      stage: 'verify',
      status: why === undefined ? 'succeeded' : 'failed',
      ...(why === undefined ? {} : { reason: `not back to its state before the run: ${why}` }),
    },
  });
  deps.bus.emit({
    executionId,
    kind: 'notice',
    target: t.id,
    text:
      why === undefined
        ? `rollback verified: ${t.name || t.id} is back to its state before the run`
        : `rollback NOT verified on ${t.name || t.id}: ${why}`,
  });
  return why === undefined;
}

interface StepResult {
  ok: boolean;
  /** The action ran (so it may need undoing) even though the step failed (its verify did not hold). */
  changed: boolean;
  outcome?: OperationOutcome;
}

async function runStep(
  t: PlanTarget,
  resource: Resource,
  step: PlannedStep,
  ctx: RunContext,
): Promise<StepResult> {
  const { deps, executionId } = ctx;
  let last: StepResult = { ok: false, changed: false };
  for (let attempt = 1; attempt <= step.retries + 1 && !ctx.signal.aborted; attempt++) {
    const began = deps.clock.now();
    deps.record({ kind: 'step-started', data: { executionId, stepId: step.id, target: t.id, attempt } });
    deps.table.putStep(executionId, t.id, step.id, {
      status: 'running',
      attempts: attempt,
      startedAt: ctx.now(),
    });
    deps.bus.emit({
      executionId,
      kind: 'step',
      target: t.id,
      stepId: step.id,
      text: `${step.id} started on ${t.name || t.id}${attempt > 1 ? ` (attempt ${attempt})` : ''}`,
    });
    let status: 'succeeded' | 'failed' | 'timed-out' | 'cancelled' = 'failed';
    let exitCode: number | null = null;
    let message = '';
    let changed = false;
    let outcome: OperationOutcome | undefined;
    try {
      const r = await perform(step.run, resource, t, step.timeoutSeconds * 1000, ctx, step.id);
      exitCode = r.exitCode;
      outcome = r.outcome;
      message = r.message;
      status = r.status;
      changed = r.status === 'succeeded';
      if (status === 'succeeded' && step.verify) {
        const v = await verifyUntil(
          step.verify,
          {
            refresh: () => requireActions(resource, deps).refresh(resource, { signal: ctx.signal }),
            runCommand: (argv) => commandFor(argv, resource, t, 60_000, ctx, step.id),
            ...(outcome ? { outcome } : {}),
          },
          { now: () => deps.clock.now(), sleep: deps.sleep, signal: ctx.signal },
        );
        if (!v.ok) {
          status = ctx.signal.aborted ? 'cancelled' : 'failed';
          message = `verify failed: ${v.reason}`;
        }
      }
    } catch (error) {
      status = ctx.signal.aborted ? 'cancelled' : 'failed';
      message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    }
    message = deps.redact(message);
    const durationMs = Math.max(0, deps.clock.now() - began);
    deps.record({
      kind: 'step-finished',
      data: { executionId, stepId: step.id, target: t.id, status, exitCode, durationMs, attempt },
    });
    deps.table.putStep(executionId, t.id, step.id, {
      status,
      attempts: attempt,
      exitCode,
      message,
      finishedAt: ctx.now(),
    });
    deps.bus.emit({
      executionId,
      kind: 'step',
      target: t.id,
      stepId: step.id,
      text: `${step.id} ${status} on ${t.name || t.id}${message ? `: ${message}` : ''}`,
    });
    last = { ok: status === 'succeeded', changed, ...(outcome ? { outcome } : {}) };
    // A verify that failed after the action ran is not retried: repeating the change would not fix it.
    if (last.ok || changed || status === 'cancelled') break;
  }
  return last;
}

/** How many targets are re-read at once after a run. */
const REFRESH_CONCURRENCY = 8;

/**
 * Re-reads every target the run reached and hands them to the store, so what the user sees
 * matches the cloud without a sync. A target that cannot be re-read is left as it was (and said).
 */
async function refreshStore(touched: readonly PlanTarget[], ctx: RunContext): Promise<void> {
  const { deps, executionId } = ctx;
  if (!deps.writeRefreshed || touched.length === 0) return;
  const signal = new AbortController().signal;
  const read = await mapLimit(
    touched,
    REFRESH_CONCURRENCY,
    async (t): Promise<RefreshedTarget | undefined> => {
      const resource = deps.resourceOf(t.id);
      const actions = resource ? deps.actionsFor(resource) : undefined;
      if (!resource || !actions) return undefined;
      try {
        return { id: t.id, resource: await actions.refresh(resource, { signal }) };
      } catch (error) {
        deps.bus.emit({
          executionId,
          kind: 'notice',
          target: t.id,
          text: `could not re-read ${t.name || t.id} for the store: ${deps.redact(error instanceof Error ? error.message : String(error))}`,
        });
        return undefined;
      }
    },
  );
  const refreshed = read.filter((r): r is RefreshedTarget => r !== undefined);
  try {
    deps.writeRefreshed(refreshed);
    const gone = refreshed.filter((r) => !r.resource).length;
    deps.bus.emit({
      executionId,
      kind: 'notice',
      text: `store updated: ${refreshed.length} target(s) re-read${gone ? `, ${gone} gone` : ''}`,
    });
  } catch (error) {
    deps.bus.emit({
      executionId,
      kind: 'notice',
      text: `could not update the store: ${deps.redact(error instanceof Error ? error.message : String(error))} (run escher sync)`,
    });
  }
}
