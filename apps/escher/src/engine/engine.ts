import {
  PLAYBOOK_RUN_POLICY,
  UserError,
  type Cloud,
  type ExecutionState,
  type LedgerEvent,
  type Plan,
  type PlaybookState,
  type Resource,
} from '@escher/protocol';
import type { ProviderActions } from '@escher/provider-api';
import type { SigningKey } from '../ledger/index.ts';
import type { SqliteDatabase } from '../store/database/sqlite.ts';
import type { Clock } from '../store/index.ts';
import { loadProviders } from './account-actions.ts';
import { requireApproval, signApproval } from './approval.ts';
import type { GraphView } from './blast-radius.ts';
import { buildPlan, type PlanInput } from './build-plan.ts';
import { ExecutionBus } from './event-bus.ts';
import { ExecutionTable } from './execution-table.ts';
import { executionIdOf, newPlanIds } from './plan-hash.ts';
import { recoverInterrupted } from './recover-interrupted.ts';
import { DEFAULT_ROLE, requireRole, type EngineAction, type Role } from './roles.ts';
import { runExecution, type ExecutorDeps } from './run-execution.ts';
import type { Sleep } from './verify-step.ts';

/** What the engine is built on; the CLI and the daemon pass the real ones, tests fakes. */
export interface EngineDeps {
  db: SqliteDatabase;
  /** Appends to the audit ledger. */
  record: (event: LedgerEvent) => unknown;
  /** The local user's Ed25519 key (the ledger's), which signs approvals. */
  signingKey: () => SigningKey;
  actor: string;
  clock: Clock;
  sleep: Sleep;
  graph: GraphView;
  resourceOf: (id: string) => Resource | undefined;
  actionsFor: (target: Resource) => ProviderActions | undefined;
  commandEnv: ExecutorDeps['commandEnv'];
  redact: (text: string) => string;
  allowedCommands?: readonly string[];
  cancelPollMs?: number;
  /**
   * Loads what `actionsFor` needs for these clouds (the provider packages, lazily: see
   * `loadProviders`, the default). Tests with a fake cloud pass a no-op.
   */
  load?: (clouds: readonly Cloud[]) => Promise<void>;
  /** The acting user's role (SPEC 9), read at each call; absent: admin (the single local user). */
  role?: () => Role;
  /** See `ExecutorDeps.writeRefreshed`: the store write of targets re-read after a run. */
  writeRefreshed?: ExecutorDeps['writeRefreshed'];
}

/** How the user said yes: `--yes`, or what they typed at the prompt. */
export type Confirmation = { kind: 'yes' } | { kind: 'typed'; text: string };

/**
 * Plan → approve → apply (docs/engine.md). Plans are stored immutable and hashed; approvals are
 * Ed25519 signatures over the plan hash; apply re-hashes the stored plan and refuses unless a
 * valid approval names that exact hash.
 */
export class Engine {
  readonly table: ExecutionTable;
  readonly bus: ExecutionBus;

  constructor(private readonly deps: EngineDeps) {
    this.table = new ExecutionTable(deps.db);
    this.bus = new ExecutionBus(this.table, deps.clock, deps.redact);
  }

  async plan(
    input: Pick<PlanInput, 'playbook' | 'state' | 'candidates' | 'params' | 'dryRun'>,
  ): Promise<{ plan: Plan; hash: string; executionId: string }> {
    this.allow('plan');
    await this.load(input.candidates.map((c) => c.cloud));
    const ids = newPlanIds();
    const plan = await buildPlan({
      ...input,
      actionsFor: this.deps.actionsFor,
      graph: this.deps.graph,
      clock: this.deps.clock,
      ids,
      ...(this.deps.allowedCommands ? { allowedCommands: this.deps.allowedCommands } : {}),
    });
    const hash = this.table.insertPlan(plan, ids.executionId, this.iso());
    this.deps.record({
      kind: 'plan-created',
      data: {
        planId: plan.id,
        planHash: hash,
        playbookId: plan.playbook.id,
        playbookVersion: plan.playbook.version,
        targetCount: plan.targets.length,
        risk: plan.risk,
        production: plan.production,
        errors: plan.findings.filter((f) => f.severity === 'error').length,
        warnings: plan.findings.filter((f) => f.severity === 'warning').length,
      },
    });
    return { plan, hash, executionId: ids.executionId };
  }

  /**
   * Approves a stored plan: refuses plans with errors, playbooks whose state does not allow a
   * run, and production plans without the typed target count; then signs the plan hash.
   */
  approve(planId: string, confirmation: Confirmation, playbookState: PlaybookState): void {
    this.allow('approve');
    const { plan, hash } = this.table.plan(planId);
    const executionId = executionIdOf(planId);
    const state = this.table.owner(executionId).state;
    if (state !== 'pending-approval') {
      throw new UserError(
        'plan-not-pending',
        `${planId} is ${state}; only a plan pending approval can be approved`,
        {
          hint: 'Plan again with `escher run` to repeat it',
        },
      );
    }
    const errors = plan.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) {
      throw new UserError(
        'plan-has-errors',
        `${planId} has ${errors.length} error(s) and cannot be approved: ${errors[0]?.message ?? ''}`,
        {
          hint: 'Fix the selection or the playbook and plan again',
        },
      );
    }
    const policy = PLAYBOOK_RUN_POLICY[playbookState];
    if (policy === 'plan-only' || policy === 'never') {
      throw new UserError(
        'playbook-not-runnable',
        `${plan.playbook.id} is ${playbookState}: it may be planned, not applied`,
        {
          hint: `Promote it: escher playbooks set-state ${plan.playbook.id} ready`,
        },
      );
    }
    const count = String(plan.targets.length);
    if (plan.production && plan.execution.production === 'requires-typed-count') {
      if (confirmation.kind === 'yes') {
        throw new UserError(
          'production-needs-typed-count',
          `${planId} changes ${count} production target(s): --yes is not enough`,
          {
            hint: `Approve interactively and type ${count}`,
          },
        );
      }
      if (confirmation.text.trim() !== count) {
        throw new UserError(
          'production-count-mismatch',
          `Refused: the plan changes ${count} production target(s) and '${confirmation.text.trim()}' was typed`,
          {
            hint: `Type the number of targets, ${count}, to approve`,
          },
        );
      }
    } else if (
      confirmation.kind === 'typed' &&
      !['y', 'yes', count].includes(confirmation.text.trim().toLowerCase())
    ) {
      throw new UserError('approval-declined', `${planId} was not approved`, {
        hint: 'Answer yes to approve',
      });
    }
    const key = this.deps.signingKey();
    const approval = signApproval(key, plan, hash, this.deps.actor, this.iso());
    this.table.insertApproval(approval);
    this.table.setState(executionId, 'approved', { from: ['pending-approval'] });
    this.deps.record({
      kind: 'approval',
      data: {
        planId,
        planHash: hash,
        approver: approval.approver,
        targetCount: plan.targets.length,
        signature: approval.signature,
        keyId: approval.keyId,
      },
    });
  }

  /** Applies an approved plan in this process and resolves with its final state. */
  async apply(planOrExecutionId: string): Promise<{ executionId: string; state: ExecutionState }> {
    this.allow('apply');
    const record = this.table.get(planOrExecutionId);
    const { plan, hash } = this.table.plan(record.planId);
    requireApproval(this.table.approvals(plan.id), plan, hash, this.deps.signingKey());
    await this.load(plan.targets.map((t) => t.cloud));
    const state = await runExecution(record.id, plan, hash, {
      table: this.table,
      bus: this.bus,
      record: this.deps.record,
      clock: this.deps.clock,
      sleep: this.deps.sleep,
      resourceOf: this.deps.resourceOf,
      actionsFor: this.deps.actionsFor,
      commandEnv: this.deps.commandEnv,
      redact: this.deps.redact,
      ...(this.deps.cancelPollMs ? { cancelPollMs: this.deps.cancelPollMs } : {}),
      ...(this.deps.writeRefreshed ? { writeRefreshed: this.deps.writeRefreshed } : {}),
    });
    return { executionId: record.id, state };
  }

  /**
   * Asks a run to stop: a running one notices within its poll interval and kills its command
   * groups; one not started yet is cancelled at once.
   */
  cancel(idOrPlan: string): ExecutionState {
    this.allow('cancel');
    const record = this.table.get(idOrPlan);
    if (record.state === 'running') {
      this.table.requestCancel(record.id);
      return 'running';
    }
    if (record.state === 'pending-approval' || record.state === 'approved') {
      this.table.setState(record.id, 'cancelled', { from: ['pending-approval', 'approved'], at: this.iso() });
      this.deps.record({
        kind: 'execution-cancelled',
        data: { executionId: record.id, reason: 'cancelled before it started' },
      });
      return 'cancelled';
    }
    throw new UserError('execution-finished', `${record.id} is already ${record.state}`, {
      hint: 'Nothing to cancel',
    });
  }

  /** Marks runs a crashed process left `running` as interrupted; returns their ids. */
  recover(): string[] {
    return recoverInterrupted(this.table, this.deps.record, this.iso());
  }

  private async load(clouds: readonly Cloud[]): Promise<void> {
    await (this.deps.load ?? loadProviders)([...new Set(clouds)]);
  }

  /** Refuses, with the role it needs, what the acting user's role does not allow. */
  private allow(action: EngineAction): void {
    requireRole(this.deps.role?.() ?? DEFAULT_ROLE, action, this.deps.actor);
  }

  private iso(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }
}
