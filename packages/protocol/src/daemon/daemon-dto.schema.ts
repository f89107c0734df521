import { z } from 'zod';
import { ErrorBodySchema } from '../errors/escher.error.ts';
import { CloudSchema, EnvironmentSchema, ResourceTypeSchema } from '../resource/vocabulary.ts';
import { ResourceSchema } from '../resource/resource.schema.ts';
import { KilledOrphanSchema } from '../execution/execution.schema.ts';

/**
 * Request and response bodies of the local daemon's HTTP API (`/api/v1/...`). The daemon, the
 * CLI and the web UI share them, and the daemon's OpenAPI document is generated from them, so a
 * field added here is documented, validated and typed everywhere at once.
 */

/** ISO 8601 with a zone (`Z` or `+02:00`), the only time format the API reads. */
const IsoTime = z.iso.datetime({ offset: true });

export const HealthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  pid: z.number().int(),
});
export type Health = z.infer<typeof HealthSchema>;

/** The daemon's own API description (`GET /api/v1/openapi.json`). */
export const OpenApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

export const FieldChangeSchema = z.object({
  /** Dotted path: `state`, `tags.owner`, `attributes.size`, `relationships`. */
  field: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

export const ResourceChangeSchema = z.object({
  resourceId: z.string(),
  syncId: z.number().int(),
  kind: z.enum(['added', 'changed', 'removed']),
  at: IsoTime,
  changes: z.array(FieldChangeSchema).optional(),
});
export type ResourceChangeDto = z.infer<typeof ResourceChangeSchema>;

export const ScopeErrorSchema = z.object({
  cloud: CloudSchema,
  account: z.string(),
  region: z.string(),
  service: z.string(),
  code: z.string(),
  message: z.string(),
});

/** What a finished sync did: SPEC section 7's `escher sync` summary, plus its id. */
export const SyncSummarySchema = z.object({
  syncId: z.number().int(),
  resources: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
  errors: z.array(ScopeErrorSchema),
  apiCalls: z.number().int(),
  durationMs: z.number(),
});

/** Live counters of a sync the daemon is running. */
export const SyncProgressSchema = z.object({
  scopesPlanned: z.number().int(),
  scopesDone: z.number().int(),
  scopesFailed: z.number().int(),
  resources: z.number().int(),
  apiCalls: z.number().int(),
});
export type SyncProgress = z.infer<typeof SyncProgressSchema>;

export const SyncRecordSchema = z.object({
  id: z.number().int(),
  status: z.enum(['running', 'succeeded', 'partial', 'failed', 'interrupted']),
  startedAt: IsoTime,
  finishedAt: IsoTime.optional(),
  summary: SyncSummarySchema.optional(),
  /** Present while this daemon is running the sync. */
  progress: SyncProgressSchema.optional(),
  /** Why a sync this daemon ran ended abnormally (never holds secrets). */
  error: ErrorBodySchema.shape.error.optional(),
});
export type SyncRecordDto = z.infer<typeof SyncRecordSchema>;

export const StoreStatsSchema = z.object({
  fileBytes: z.number().int(),
  resources: z.number().int(),
  rows: z.record(z.string(), z.number().int()),
});

export const DaemonStatusSchema = z.object({
  version: z.string(),
  pid: z.number().int(),
  startedAt: IsoTime,
  uptimeMs: z.number(),
  /** Syncs a previous process left `running` that this daemon marked `interrupted` at start. */
  interruptedAtStart: z.number().int(),
  /** Executions a previous process left `running` that this daemon marked `interrupted` at start (never resumed). */
  interruptedExecutionsAtStart: z.array(z.string()),
  /** Command process groups those executions left running, ended at start (SIGTERM, then SIGKILL). */
  orphansKilledAtStart: z.array(KilledOrphanSchema),
  store: StoreStatsSchema,
  lastSync: SyncRecordSchema.nullable(),
  runningSync: SyncRecordSchema.nullable(),
});
export type DaemonStatus = z.infer<typeof DaemonStatusSchema>;

/**
 * Filters of `GET /api/v1/resources`: those of `escher resources`. Repeat a parameter for OR
 * (`?cloud=aws&cloud=gcp`); different parameters combine with AND; `tag=k=v` requires the pair,
 * `tag=k=*` only the key.
 */
export const ResourceListQuerySchema = z.strictObject({
  type: z.array(ResourceTypeSchema).optional(),
  cloud: z.array(CloudSchema).optional(),
  region: z.array(z.string().min(1)).optional(),
  env: z.array(EnvironmentSchema).optional(),
  tag: z.array(z.string().regex(/^[^=]+=/, 'a tag filter is key=value')).optional(),
  state: z.array(z.string().min(1)).optional(),
  limit: z.coerce.number().int().min(1).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  /** Keyset pagination: the `next` of the previous page (with `limit`; not with `offset`). */
  after: z.string().min(1).optional(),
  /** Only resources added or changed at or after this time. */
  changedSince: IsoTime.optional(),
});
export type ResourceListQuery = z.infer<typeof ResourceListQuerySchema>;

/** Exactly the shape of `escher resources --json` (SPEC section 7). */
export const ResourceListSchema = z.object({
  count: z.number().int(),
  resources: z.array(ResourceSchema),
  /** With `limit`: the cursor of the next page (pass it as `after`); absent on the last page. */
  next: z.string().optional(),
});
export type ResourceList = z.infer<typeof ResourceListSchema>;

export const ResourceIdParamsSchema = z.strictObject({
  /** The resource id (ARN, Azure resource id, GCP full name), URL-encoded as one path segment. */
  id: z.string().min(1),
});

export const ResourceHistorySchema = z.object({
  resourceId: z.string(),
  /** Oldest first, including the removal if the resource is gone. */
  changes: z.array(ResourceChangeSchema),
});
export type ResourceHistory = z.infer<typeof ResourceHistorySchema>;

export const ChangesQuerySchema = z.strictObject({ since: IsoTime });

export const ChangeListSchema = z.object({
  since: IsoTime,
  count: z.number().int(),
  changes: z.array(ResourceChangeSchema),
});
export type ChangeList = z.infer<typeof ChangeListSchema>;

export const SyncListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const SyncListSchema = z.object({ syncs: z.array(SyncRecordSchema) });
export type SyncList = z.infer<typeof SyncListSchema>;

export const SyncIdParamsSchema = z.strictObject({ id: z.coerce.number().int().min(1) });

export const SyncStartRequestSchema = z.strictObject({
  /** Only this configured account (by name); all accounts when absent. */
  account: z.string().min(1).optional(),
});
export type SyncStartRequest = z.infer<typeof SyncStartRequestSchema>;

/**
 * `started` is false when a sync was already running: single flight, the running one is
 * returned (with HTTP 200 instead of 202) and the request's own filter is not applied.
 */
export const SyncStartResponseSchema = z.object({
  started: z.boolean(),
  sync: SyncRecordSchema,
});
export type SyncStartResponse = z.infer<typeof SyncStartResponseSchema>;
