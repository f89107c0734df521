import { z } from 'zod';
import { Sha256HexSchema } from '../ledger.ts';
import { ExecutionSchema, OnFailureSchema, RiskSchema, VerifySchema } from '../playbook/playbook.schema.ts';
import { CloudSchema, ResourceTypeSchema } from '../resource/vocabulary.ts';

/**
 * Plans and executions (SPEC section 5, issue 5): what `escher run` shows before asking, what is
 * stored and hashed, and what `escher executions --json` prints. A plan is fully rendered — every
 * step of every target concrete — so the hash the approval signs covers exactly what will run.
 */

/** The states of a plan-and-execution, in the order they are usually reached. */
export const EXECUTION_STATES = [
  'pending-approval',
  'approved',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'interrupted',
  'rolled-back',
] as const;
export const ExecutionStateSchema = z.enum(EXECUTION_STATES);
export type ExecutionState = z.infer<typeof ExecutionStateSchema>;

/** States an execution never leaves. */
export const FINAL_EXECUTION_STATES: readonly ExecutionState[] = [
  'succeeded',
  'failed',
  'cancelled',
  'interrupted',
  'rolled-back',
];

/** A rendered step: an operation with concrete params, or a concrete argv. */
export const RenderedActionSchema = z.union([
  z.strictObject({ operation: z.string().min(1), params: z.record(z.string(), z.unknown()) }),
  z.strictObject({ argv: z.array(z.string()).min(1) }),
]);
export type RenderedAction = z.infer<typeof RenderedActionSchema>;

/** One step of one target, rendered for that target. */
export const PlannedStepSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().optional(),
  run: RenderedActionSchema,
  /** The verify with its placeholders filled. */
  verify: VerifySchema.optional(),
  /** `auto` (the operation's undo) or a rendered rollback step. */
  rollback: z.union([z.literal('auto'), RenderedActionSchema]).optional(),
  timeoutSeconds: z.number().int().positive(),
  retries: z.number().int().min(0),
  onFailure: OnFailureSchema,
  dependsOn: z.array(z.string()),
});
export type PlannedStep = z.infer<typeof PlannedStepSchema>;

/** What the plan says about a target (enough to read it without the store). */
export const PlanTargetSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string(),
  cloud: CloudSchema,
  account: z.string(),
  region: z.string(),
  type: ResourceTypeSchema,
  state: z.string().optional(),
  environment: z.string().optional(),
  production: z.boolean(),
  steps: z.array(PlannedStepSchema),
});
export type PlanTarget = z.infer<typeof PlanTargetSchema>;

/** A problem found while planning: an error blocks approval, a warning is shown and kept. */
export const PlanFindingSchema = z.strictObject({
  severity: z.enum(['error', 'warning']),
  code: z.string().min(1),
  message: z.string().min(1),
  target: z.string().optional(),
});
export type PlanFinding = z.infer<typeof PlanFindingSchema>;

/** The plan: hashed over its canonical JSON (every field below), then stored. */
export const PlanSchema = z.strictObject({
  id: z.string().min(1),
  createdAt: z.string().min(1),
  playbook: z.strictObject({ id: z.string(), version: z.string(), sha256: Sha256HexSchema }),
  risk: RiskSchema,
  params: z.record(z.string(), z.unknown()),
  execution: ExecutionSchema,
  targets: z.array(PlanTargetSchema),
  /** Matched, but left out (precondition not met), with why. */
  skipped: z.array(z.strictObject({ id: z.string(), name: z.string(), reason: z.string() })),
  findings: z.array(PlanFindingSchema),
  /** Whether any target is production: approving then needs the typed target count. */
  production: z.boolean(),
});
export type Plan = z.infer<typeof PlanSchema>;

/** A signed approval, bound to one plan hash. */
export const ApprovalSchema = z.strictObject({
  planId: z.string(),
  planHash: Sha256HexSchema,
  approver: z.string(),
  keyId: z.string(),
  signature: z.string(),
  at: z.string(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

/** Step results as stored and printed. */
export const STEP_STATUSES = [
  'pending',
  'running',
  'succeeded',
  'failed',
  'timed-out',
  'cancelled',
  'skipped',
  'rolled-back',
] as const;
export const StepStatusSchema = z.enum(STEP_STATUSES);
export type StepStatus = z.infer<typeof StepStatusSchema>;

export const StepRecordSchema = z.strictObject({
  target: z.string(),
  stepId: z.string(),
  status: StepStatusSchema,
  attempts: z.number().int().nonnegative(),
  exitCode: z.number().int().nullable(),
  message: z.string().optional(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  /**
   * The process group of the step's command while it runs (its leader's pid): what `escher
   * cancel` signals, and what recovery ends if the process applying the run dies.
   */
  processGroup: z.number().int().positive().optional(),
});
export type StepRecord = z.infer<typeof StepRecordSchema>;

/** `escher executions ID --json`. */
export const ExecutionRecordSchema = z.strictObject({
  id: z.string(),
  planId: z.string(),
  planHash: Sha256HexSchema,
  playbookId: z.string(),
  state: ExecutionStateSchema,
  targetCount: z.number().int().nonnegative(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  approvedBy: z.string().optional(),
  message: z.string().optional(),
  steps: z.array(StepRecordSchema),
});
export type ExecutionRecord = z.infer<typeof ExecutionRecordSchema>;

/**
 * One event of the execution's stream (CLI `--follow`, the daemon's WebSocket): a line of output,
 * a step or state change. `text` is already redacted.
 */
export const ExecutionEventSchema = z.strictObject({
  executionId: z.string(),
  seq: z.number().int().positive(),
  at: z.string(),
  kind: z.enum(['state', 'step', 'output', 'notice']),
  target: z.string().optional(),
  stepId: z.string().optional(),
  stream: z.enum(['stdout', 'stderr']).optional(),
  text: z.string(),
});
export type ExecutionEvent = z.infer<typeof ExecutionEventSchema>;

/**
 * A command step's process group that a crashed Escher left running, as recovery found and ended
 * it (the ledger's `step-killed-orphan`). `survived`: still there after SIGKILL, or not ours to
 * signal — the user has to end it.
 */
export const KilledOrphanSchema = z.strictObject({
  executionId: z.string(),
  target: z.string(),
  stepId: z.string(),
  processGroup: z.number().int().positive(),
  processes: z.number().int().nonnegative(),
  outcome: z.enum(['terminated', 'killed', 'survived']),
});
export type KilledOrphan = z.infer<typeof KilledOrphanSchema>;
