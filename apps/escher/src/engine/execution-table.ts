import {
  PlanSchema,
  UserError,
  type Approval,
  type ExecutionEvent,
  type ExecutionRecord,
  type ExecutionState,
  type Plan,
  type StepRecord,
  type StepStatus,
} from '@escher/protocol';
import type { SqliteDatabase } from '../store/database/sqlite.ts';
import { hashPlan } from './plan-hash.ts';

interface ExecutionRow {
  id: string;
  plan_id: string;
  state: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  pid: number | null;
  host: string | null;
  cancel_requested: number;
  message: string | null;
}

/** A stored plan with the hash it was stored under. */
export interface StoredPlan {
  plan: Plan;
  hash: string;
}

/**
 * The engine's tables (migration 6): plans, approvals, executions, their steps and events. Every
 * write is one statement, so the process applying a plan and another one cancelling it or
 * following its output never hold a transaction across each other.
 */
export class ExecutionTable {
  constructor(private readonly db: SqliteDatabase) {}

  insertPlan(plan: Plan, executionId: string, at: string): string {
    const hash = hashPlan(plan);
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO plans (id, created_at, playbook_id, plan_hash, plan) VALUES (?, ?, ?, ?, ?)')
        .run(plan.id, plan.createdAt, plan.playbook.id, hash, JSON.stringify(plan));
      this.db
        .prepare(
          "INSERT INTO executions (id, plan_id, state, created_at) VALUES (?, ?, 'pending-approval', ?)",
        )
        .run(executionId, plan.id, at);
    })();
    return hash;
  }

  /**
   * The plan as stored, and its hash recomputed from the stored JSON (not the stored hash
   * column), so a plan edited in the database no longer matches what was approved.
   */
  plan(planId: string): StoredPlan {
    const row = this.db.prepare('SELECT plan FROM plans WHERE id = ?').get(planId) as
      { plan: string } | undefined;
    if (!row) {
      throw new UserError('plan-not-found', `No plan '${planId}'`, {
        hint: 'List executions and their plans with `escher executions`',
      });
    }
    const plan = PlanSchema.parse(JSON.parse(row.plan));
    return { plan, hash: hashPlan(plan) };
  }

  insertApproval(a: Approval): void {
    this.db
      .prepare(
        'INSERT INTO approvals (plan_id, plan_hash, approver, key_id, signature, at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(a.planId, a.planHash, a.approver, a.keyId, a.signature, a.at);
  }

  approvals(planId: string): Approval[] {
    return (
      this.db
        .prepare(
          'SELECT plan_id, plan_hash, approver, key_id, signature, at FROM approvals WHERE plan_id = ?',
        )
        .all(planId) as {
        plan_id: string;
        plan_hash: string;
        approver: string;
        key_id: string;
        signature: string;
        at: string;
      }[]
    ).map((r) => ({
      planId: r.plan_id,
      planHash: r.plan_hash,
      approver: r.approver,
      keyId: r.key_id,
      signature: r.signature,
      at: r.at,
    }));
  }

  /** Moves an execution to `state`; `from` guards against racing another process (false: it had moved). */
  setState(
    id: string,
    state: ExecutionState,
    fields: {
      from?: readonly ExecutionState[];
      at?: string;
      message?: string;
      pid?: number;
      host?: string;
    } = {},
  ): boolean {
    const sets = ['state = ?'];
    const values: unknown[] = [state];
    if (state === 'running') {
      sets.push('started_at = ?', 'pid = ?', 'host = ?');
      values.push(fields.at ?? null, fields.pid ?? null, fields.host ?? null);
    } else if (fields.at && !['pending-approval', 'approved'].includes(state)) {
      sets.push('finished_at = ?');
      values.push(fields.at);
    }
    if (fields.message !== undefined) {
      sets.push('message = ?');
      values.push(fields.message);
    }
    let sql = `UPDATE executions SET ${sets.join(', ')} WHERE id = ?`;
    values.push(id);
    if (fields.from) {
      sql += ` AND state IN (${fields.from.map(() => '?').join(', ')})`;
      values.push(...fields.from);
    }
    return this.db.prepare(sql).run(...values).changes > 0;
  }

  requestCancel(id: string): void {
    this.db.prepare('UPDATE executions SET cancel_requested = 1 WHERE id = ?').run(id);
  }

  cancelRequested(id: string): boolean {
    const row = this.db.prepare('SELECT cancel_requested FROM executions WHERE id = ?').get(id) as
      { cancel_requested: number } | undefined;
    return row?.cancel_requested === 1;
  }

  putStep(
    executionId: string,
    target: string,
    stepId: string,
    fields: {
      status: StepStatus;
      attempts?: number;
      exitCode?: number | null;
      message?: string;
      startedAt?: string;
      finishedAt?: string;
    },
  ): void {
    this.db
      .prepare(
        `INSERT INTO execution_steps (execution_id, target, step_id, status, attempts, exit_code, message, started_at, finished_at)
         VALUES (@executionId, @target, @stepId, @status, @attempts, @exitCode, @message, @startedAt, @finishedAt)
         ON CONFLICT (execution_id, target, step_id) DO UPDATE SET
           status = excluded.status,
           attempts = COALESCE(excluded.attempts, attempts),
           exit_code = COALESCE(excluded.exit_code, exit_code),
           message = COALESCE(excluded.message, message),
           started_at = COALESCE(started_at, excluded.started_at),
           finished_at = COALESCE(excluded.finished_at, finished_at)`,
      )
      .run({
        executionId,
        target,
        stepId,
        status: fields.status,
        attempts: fields.attempts ?? 0,
        exitCode: fields.exitCode ?? null,
        message: fields.message ?? null,
        startedAt: fields.startedAt ?? null,
        finishedAt: fields.finishedAt ?? null,
      });
  }

  /**
   * Records the process a step's command runs as (its group, which its leader's pid names, and
   * the leader's start identity), or clears it when the command has ended. What is still
   * recorded after a crash is what recovery ends (`reapOrphans`).
   */
  setStepProcess(
    executionId: string,
    target: string,
    stepId: string,
    proc: { processGroup: number; startTime: string; host: string } | undefined,
  ): void {
    this.db
      .prepare(
        'UPDATE execution_steps SET process_group = ?, process_start = ?, process_host = ? WHERE execution_id = ? AND target = ? AND step_id = ?',
      )
      .run(
        proc?.processGroup ?? null,
        proc?.startTime ?? null,
        proc?.host ?? null,
        executionId,
        target,
        stepId,
      );
  }

  /** Command processes still recorded on interrupted executions: what a crash may have orphaned. */
  orphanCandidates(): {
    executionId: string;
    target: string;
    stepId: string;
    processGroup: number;
    startTime: string;
    host: string;
  }[] {
    return (
      this.db
        .prepare(
          `SELECT s.execution_id, s.target, s.step_id, s.process_group, s.process_start, s.process_host
           FROM execution_steps s JOIN executions e ON e.id = s.execution_id
           WHERE s.process_group IS NOT NULL AND e.state = 'interrupted'`,
        )
        .all() as {
        execution_id: string;
        target: string;
        step_id: string;
        process_group: number;
        process_start: string | null;
        process_host: string | null;
      }[]
    ).map((r) => ({
      executionId: r.execution_id,
      target: r.target,
      stepId: r.step_id,
      processGroup: r.process_group,
      startTime: r.process_start ?? '',
      host: r.process_host ?? '',
    }));
  }

  appendEvent(event: Omit<ExecutionEvent, 'seq'>): ExecutionEvent {
    const seq =
      ((
        this.db
          .prepare('SELECT MAX(seq) AS m FROM execution_events WHERE execution_id = ?')
          .get(event.executionId) as {
          m: number | null;
        }
      ).m ?? 0) + 1;
    this.db
      .prepare(
        'INSERT INTO execution_events (execution_id, seq, at, kind, target, step_id, stream, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        event.executionId,
        seq,
        event.at,
        event.kind,
        event.target ?? null,
        event.stepId ?? null,
        event.stream ?? null,
        event.text,
      );
    return { ...event, seq };
  }

  eventsAfter(executionId: string, seq: number): ExecutionEvent[] {
    const rows = this.db
      .prepare('SELECT * FROM execution_events WHERE execution_id = ? AND seq > ? ORDER BY seq')
      .all(executionId, seq) as {
      execution_id: string;
      seq: number;
      at: string;
      kind: ExecutionEvent['kind'];
      target: string | null;
      step_id: string | null;
      stream: 'stdout' | 'stderr' | null;
      text: string;
    }[];
    return rows.map((r) => ({
      executionId: r.execution_id,
      seq: r.seq,
      at: r.at,
      kind: r.kind,
      ...(r.target ? { target: r.target } : {}),
      ...(r.step_id ? { stepId: r.step_id } : {}),
      ...(r.stream ? { stream: r.stream } : {}),
      text: r.text,
    }));
  }

  /** Executions in `state` (all when omitted), newest first. */
  list(options: { state?: ExecutionState; limit?: number } = {}): ExecutionRecord[] {
    const rows = (
      options.state
        ? this.db
            .prepare('SELECT * FROM executions WHERE state = ? ORDER BY created_at DESC LIMIT ?')
            .all(options.state, options.limit ?? 50)
        : this.db
            .prepare('SELECT * FROM executions ORDER BY created_at DESC LIMIT ?')
            .all(options.limit ?? 50)
    ) as ExecutionRow[];
    return rows.map((r) => this.record(r));
  }

  get(idOrPlan: string): ExecutionRecord {
    const row = this.row(idOrPlan);
    return this.record(row);
  }

  /** The process applying an execution (to tell a live run from one a crash left `running`). */
  owner(id: string): { pid: number | null; host: string | null; state: ExecutionState } {
    const r = this.row(id);
    return { pid: r.pid, host: r.host, state: r.state as ExecutionState };
  }

  private row(idOrPlan: string): ExecutionRow {
    const row = this.db
      .prepare('SELECT * FROM executions WHERE id = ? OR plan_id = ?')
      .get(idOrPlan, idOrPlan) as ExecutionRow | undefined;
    if (!row) {
      throw new UserError('execution-not-found', `No execution or plan '${idOrPlan}'`, {
        hint: 'List them with `escher executions`',
      });
    }
    return row;
  }

  private record(r: ExecutionRow): ExecutionRecord {
    const planRow = this.db
      .prepare('SELECT playbook_id, plan_hash, plan FROM plans WHERE id = ?')
      .get(r.plan_id) as {
      playbook_id: string;
      plan_hash: string;
      plan: string;
    };
    const targetCount = (JSON.parse(planRow.plan) as { targets?: unknown[] }).targets?.length ?? 0;
    const approval = this.db
      .prepare('SELECT approver FROM approvals WHERE plan_id = ? ORDER BY at DESC')
      .get(r.plan_id) as { approver: string } | undefined;
    const steps = (
      this.db
        .prepare(
          "SELECT * FROM execution_steps WHERE execution_id = ? ORDER BY COALESCE(started_at, '~'), target, step_id",
        )
        .all(r.id) as {
        target: string;
        step_id: string;
        status: StepStatus;
        attempts: number;
        exit_code: number | null;
        message: string | null;
        started_at: string | null;
        finished_at: string | null;
        process_group: number | null;
      }[]
    ).map((s): StepRecord => ({
      target: s.target,
      stepId: s.step_id,
      status: s.status,
      attempts: s.attempts,
      exitCode: s.exit_code,
      ...(s.message ? { message: s.message } : {}),
      ...(s.started_at ? { startedAt: s.started_at } : {}),
      ...(s.finished_at ? { finishedAt: s.finished_at } : {}),
      ...(s.process_group !== null ? { processGroup: s.process_group } : {}),
    }));
    return {
      id: r.id,
      planId: r.plan_id,
      planHash: planRow.plan_hash,
      playbookId: planRow.playbook_id,
      state: r.state as ExecutionState,
      targetCount,
      createdAt: r.created_at,
      ...(r.started_at ? { startedAt: r.started_at } : {}),
      ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
      ...(approval ? { approvedBy: approval.approver } : {}),
      ...(r.message ? { message: r.message } : {}),
      steps,
    };
  }
}
