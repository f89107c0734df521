import type { z } from 'zod';
import { ResourceSchema } from '../resource/resource.schema.ts';
import {
  ChangeListSchema,
  ChangesQuerySchema,
  DaemonStatusSchema,
  HealthSchema,
  OpenApiDocumentSchema,
  ResourceHistorySchema,
  ResourceIdParamsSchema,
  ResourceListQuerySchema,
  ResourceListSchema,
  SyncIdParamsSchema,
  SyncListQuerySchema,
  SyncListSchema,
  SyncRecordSchema,
  SyncStartRequestSchema,
  SyncStartResponseSchema,
} from './daemon-dto.schema.ts';
import {
  ApplyResponseSchema,
  ApproveRequestSchema,
  CancelResponseSchema,
  ExecutionDetailSchema,
  ExecutionEventListSchema,
  ExecutionEventsQuerySchema,
  ExecutionIdParamsSchema,
  ExecutionListQuerySchema,
  ExecutionListSchema,
  PlanRequestSchema,
  PlanResponseSchema,
} from './daemon-executions.schema.ts';

/** An object schema for query or path parameters (each field is one parameter). */
type ParamsSchema = z.ZodObject;

/**
 * One operation of the daemon's API: where it lives, what it reads and what it answers. The
 * daemon registers a handler per operation, the OpenAPI document is generated from the list and
 * the typed client calls through it, so the three cannot drift apart.
 */
export interface DaemonOperation {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI form: `/api/v1/resources/{id}`. */
  path: string;
  summary: string;
  description?: string;
  query?: ParamsSchema;
  params?: ParamsSchema;
  body?: z.ZodType;
  /** Success statuses and their bodies; errors always answer with `ErrorBody`. */
  responses: Readonly<Record<number, z.ZodType>>;
}

/**
 * Every operation of `/api/v1`. To add one (the resource graph comes next): add its DTOs to
 * `daemon-dto.schema.ts`, an entry here, and a handler in `apps/escher/src/daemon/routes/`; the
 * daemon's OpenAPI test fails until all three agree.
 */
export const DAEMON_OPERATIONS = {
  getHealth: {
    method: 'get',
    path: '/api/v1/health',
    summary: 'Liveness: answers as soon as the daemon listens, without touching the store',
    responses: { 200: HealthSchema },
  },
  getStatus: {
    method: 'get',
    path: '/api/v1/status',
    summary: 'Version, pid, uptime, store statistics, the last and the running sync',
    responses: { 200: DaemonStatusSchema },
  },
  getOpenApi: {
    method: 'get',
    path: '/api/v1/openapi.json',
    summary: 'This document (OpenAPI 3.1)',
    responses: { 200: OpenApiDocumentSchema },
  },
  listResources: {
    method: 'get',
    path: '/api/v1/resources',
    summary: 'Live resources, filtered like `escher resources`; ordered by type, name and id',
    query: ResourceListQuerySchema,
    responses: { 200: ResourceListSchema },
  },
  getResource: {
    method: 'get',
    path: '/api/v1/resources/{id}',
    summary: 'One live resource by id (URL-encode the id: it contains `/` and `:`)',
    params: ResourceIdParamsSchema,
    responses: { 200: ResourceSchema },
  },
  getResourceHistory: {
    method: 'get',
    path: '/api/v1/resources/{id}/history',
    summary: "Every recorded change of one resource, oldest first, including after it's removed",
    params: ResourceIdParamsSchema,
    responses: { 200: ResourceHistorySchema },
  },
  listChanges: {
    method: 'get',
    path: '/api/v1/changes',
    summary: 'Every change recorded at or after a time, oldest first, removals included',
    query: ChangesQuerySchema,
    responses: { 200: ChangeListSchema },
  },
  listSyncs: {
    method: 'get',
    path: '/api/v1/syncs',
    summary: 'The latest syncs, newest first (default 20)',
    query: SyncListQuerySchema,
    responses: { 200: SyncListSchema },
  },
  getSync: {
    method: 'get',
    path: '/api/v1/syncs/{id}',
    summary: 'One sync; with live progress while this daemon runs it',
    params: SyncIdParamsSchema,
    responses: { 200: SyncRecordSchema },
  },
  startSync: {
    method: 'post',
    path: '/api/v1/syncs',
    summary: 'Start a sync in the background (single flight)',
    description:
      'Answers 202 with the new sync as soon as it has an id. While a sync runs, a second request ' +
      'starts nothing and answers 200 with the running sync and `started: false`.',
    body: SyncStartRequestSchema,
    responses: { 202: SyncStartResponseSchema, 200: SyncStartResponseSchema },
  },
  listExecutions: {
    method: 'get',
    path: '/api/v1/executions',
    summary: 'Executions, newest first (default 50), like `escher executions --json`',
    query: ExecutionListQuerySchema,
    responses: { 200: ExecutionListSchema },
  },
  getExecution: {
    method: 'get',
    path: '/api/v1/executions/{id}',
    summary: 'One execution (by execution or plan id) with its steps and its plan',
    params: ExecutionIdParamsSchema,
    responses: { 200: ExecutionDetailSchema },
  },
  createPlan: {
    method: 'post',
    path: '/api/v1/plans',
    summary: 'Plan a playbook over a selection, like `escher run --plan-only`; the plan is stored and hashed',
    description:
      'Answers 201 with the stored plan even when it has error findings (they block approval). ' +
      'Refused without a selection (400 `selection-missing`).',
    body: PlanRequestSchema,
    responses: { 201: PlanResponseSchema },
  },
  approveExecution: {
    method: 'post',
    path: '/api/v1/executions/{id}/approve',
    summary: "Approve a pending plan: signed with the local user's key, bound to the plan hash",
    description:
      'The rules of `escher approve`: `{yes: true}` is refused for a production plan that needs the typed ' +
      'count (400 `production-needs-typed-count`); `{typed}` must then be the number of targets.',
    params: ExecutionIdParamsSchema,
    body: ApproveRequestSchema,
    responses: { 200: ExecutionDetailSchema },
  },
  applyExecution: {
    method: 'post',
    path: '/api/v1/executions/{id}/apply',
    summary: "Apply an approved plan in the daemon's process, in the background",
    description:
      'Answers 202 once the approval is verified against the re-hashed plan and the run has started; ' +
      'follow it on the WebSocket `GET /api/v1/executions/{id}/events`.',
    params: ExecutionIdParamsSchema,
    responses: { 202: ApplyResponseSchema },
  },
  cancelExecution: {
    method: 'post',
    path: '/api/v1/executions/{id}/cancel',
    summary: 'Cancel: a running execution stops (command groups killed), one not started is cancelled',
    params: ExecutionIdParamsSchema,
    responses: { 200: CancelResponseSchema },
  },
  listExecutionEvents: {
    method: 'get',
    path: '/api/v1/executions/{id}/events',
    summary: 'The stored events of an execution; with `Upgrade: websocket`, a live stream',
    description:
      'As a WebSocket (token as the `escher.token.<token>` subprotocol beside `escher.v1`, or `?token=`): ' +
      'stored events after `since`, then live ones, then `{type: "end", execution}` and close 1000.',
    params: ExecutionIdParamsSchema,
    query: ExecutionEventsQuerySchema,
    responses: { 200: ExecutionEventListSchema },
  },
} as const satisfies Record<string, DaemonOperation>;

export type DaemonOperations = typeof DAEMON_OPERATIONS;
export type DaemonOperationId = keyof DaemonOperations;

type Parsed<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;
type Raw<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What a handler receives once the request was validated. */
export interface OperationInput<Op extends DaemonOperation> {
  query: Parsed<Op['query']>;
  params: Parsed<Op['params']>;
  body: Parsed<Op['body']>;
}

/** What a client sends for an operation (before validation and coercion). */
export type OperationRequest<Op extends DaemonOperation> = (Op['query'] extends z.ZodType
  ? { query?: Raw<Op['query']> }
  : unknown) &
  (Op['params'] extends z.ZodType ? { params: Raw<Op['params']> } : unknown) &
  (Op['body'] extends z.ZodType ? { body?: Raw<Op['body']> } : unknown);

/** A handler's answer: one of the operation's success statuses with its body. */
export type OperationReply<Op extends DaemonOperation> = {
  [S in keyof Op['responses'] & number]: { status: S; body: z.input<Op['responses'][S]> };
}[keyof Op['responses'] & number];

/** The body of any success answer of an operation. */
export type OperationResult<Op extends DaemonOperation> = z.output<
  Op['responses'][keyof Op['responses'] & number]
>;
