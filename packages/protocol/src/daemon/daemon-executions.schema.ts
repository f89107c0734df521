import { z } from 'zod';
import { ErrorBodySchema } from '../errors/escher.error.ts';
import {
  ExecutionEventSchema,
  ExecutionRecordSchema,
  ExecutionStateSchema,
  PlanSchema,
} from '../execution/execution.schema.ts';
import { Sha256HexSchema } from '../ledger.ts';
import { CloudSchema, ResourceTypeSchema } from '../resource/vocabulary.ts';

/**
 * The daemon's plan → approve → apply API (docs/daemon.md, docs/engine.md): the same inputs and
 * rules as `escher run` / `approve` / `executions` / `cancel`, so the web UI and scripts go
 * through exactly the checks the CLI does — only the process that applies differs.
 */

export const ExecutionListQuerySchema = z.strictObject({
  state: ExecutionStateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** The shape of `escher executions --json`. */
export const ExecutionListSchema = z.object({
  count: z.number().int(),
  executions: z.array(ExecutionRecordSchema),
});
export type ExecutionList = z.infer<typeof ExecutionListSchema>;

/** An execution id (`ex-…`) or its plan id (`plan-…`): one execution per plan. */
export const ExecutionIdParamsSchema = z.strictObject({ id: z.string().min(1) });

/** One execution with its steps, and the plan it runs. */
export const ExecutionDetailSchema = z.object({
  execution: ExecutionRecordSchema,
  plan: PlanSchema,
  /** The plan hash recomputed from the stored plan (what an approval must name). */
  planHash: Sha256HexSchema,
});
export type ExecutionDetail = z.infer<typeof ExecutionDetailSchema>;

/**
 * `escher run PLAYBOOK`'s selection and options. At least one selector is required: running on
 * everything a playbook applies to is never the default.
 */
export const PlanRequestSchema = z.strictObject({
  playbook: z.string().min(1),
  /** A kept older version of the playbook. */
  version: z.string().min(1).optional(),
  /** Target ids, native ids or names. */
  target: z.array(z.string().min(1)).optional(),
  cloud: CloudSchema.optional(),
  account: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  /** prod, staging, dev, test or a synonym (`production`). */
  environment: z.string().min(1).optional(),
  type: ResourceTypeSchema.optional(),
  /** `key=value` each. */
  tag: z.array(z.string().regex(/^[^=]+=/, 'a tag is key=value')).optional(),
  params: z.record(z.string(), z.string()).optional(),
  /** Default true: ask the cloud to dry-run each target's first operation. */
  dryRun: z.boolean().optional(),
});
export type PlanRequest = z.infer<typeof PlanRequestSchema>;

/** A stored plan; its findings say whether it can be approved (no `error` finding). */
export const PlanResponseSchema = z.object({
  plan: PlanSchema,
  hash: Sha256HexSchema,
  executionId: z.string(),
});
export type PlanResponse = z.infer<typeof PlanResponseSchema>;

/**
 * How the user said yes. `yes` is `--yes` (refused for a production plan whose playbook needs the
 * typed count); `typed` is what they typed at the prompt (`y`/`yes`, or the number of targets).
 */
export const ApproveRequestSchema = z.union([
  z.strictObject({ yes: z.literal(true) }),
  z.strictObject({ typed: z.string() }),
]);
export type ApproveRequest = z.infer<typeof ApproveRequestSchema>;

/** Apply answers as soon as the run has started in the daemon's process. */
export const ApplyResponseSchema = z.object({
  executionId: z.string(),
  planId: z.string(),
  state: ExecutionStateSchema,
  /** The WebSocket that streams its events (same token rules as every route). */
  events: z.string(),
});
export type ApplyResponse = z.infer<typeof ApplyResponseSchema>;

export const CancelResponseSchema = z.object({
  executionId: z.string(),
  /** `running`: the run stops within its poll interval; `cancelled`: it never started. */
  state: ExecutionStateSchema,
  cancelRequested: z.boolean(),
});
export type CancelResponse = z.infer<typeof CancelResponseSchema>;

export const ExecutionEventsQuerySchema = z.strictObject({
  /** Only events after this sequence number (0: from the start). */
  since: z.coerce.number().int().min(0).optional(),
});

/** `GET …/events` without a WebSocket upgrade: the stored events so far. */
export const ExecutionEventListSchema = z.object({
  executionId: z.string(),
  state: ExecutionStateSchema,
  events: z.array(ExecutionEventSchema),
});
export type ExecutionEventList = z.infer<typeof ExecutionEventListSchema>;

/**
 * One message on an execution's WebSocket: its events in order (stored ones first, from `since`,
 * then live ones), then `end` with the final record, after which the daemon closes the socket
 * (1000). The global stream (`/api/v1/events`) speaks `DaemonEventMessageSchema` instead. `error` is sent
 * before closing with 1011 when the daemon cannot go on (it is shutting down, the store failed).
 */
export const ExecutionStreamMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('event'), event: ExecutionEventSchema }),
  z.object({ type: z.literal('end'), execution: ExecutionRecordSchema }),
  z.object({ type: z.literal('error'), error: ErrorBodySchema.shape.error }),
]);
export type ExecutionStreamMessage = z.infer<typeof ExecutionStreamMessageSchema>;

/** The subprotocol the daemon's WebSockets speak; the token travels as a second one. */
export const DAEMON_WS_PROTOCOL = 'escher.v1';
/** Prefix of the subprotocol that carries the token (browsers cannot set `Authorization` on a WebSocket). */
export const DAEMON_WS_TOKEN_PREFIX = 'escher.token.';
