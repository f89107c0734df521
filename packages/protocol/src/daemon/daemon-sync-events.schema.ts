import { z } from 'zod';
import { ErrorBodySchema } from '../errors/escher.error.ts';
import { CloudSchema } from '../resource/vocabulary.ts';
import { ExecutionEventSchema } from '../execution/execution.schema.ts';
import { ScopeErrorSchema, SyncProgressSchema, SyncRecordSchema } from './daemon-dto.schema.ts';

/** One discovery scope: an account's service in a region (`global` for global services). */
export const SyncScopeSchema = z.object({
  cloud: CloudSchema,
  account: z.string(),
  region: z.string(),
  service: z.string(),
});
export type SyncScope = z.infer<typeof SyncScopeSchema>;

const base = { syncId: z.number().int(), at: z.iso.datetime({ offset: true }) };

/**
 * A step of a sync the daemon runs, as the global WebSocket (`/api/v1/events`) pushes it: the
 * sync started; a scope started, finished (with the resources it holds and what changed) or
 * failed (the cloud's error, never a secret); the sync finished with its stored record (summary,
 * status, and the error if it ended abnormally). `progress` is the running count at that point,
 * what `GET /syncs/{id}` answers, so a client needs no poll.
 */
export const SyncStreamEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sync-started'), ...base, account: z.string().optional() }),
  z.object({ kind: z.literal('scope-started'), ...base, scope: SyncScopeSchema }),
  z.object({
    kind: z.literal('scope-finished'),
    ...base,
    scope: SyncScopeSchema,
    resources: z.number().int().nonnegative(),
    added: z.number().int().nonnegative(),
    changed: z.number().int().nonnegative(),
    removed: z.number().int().nonnegative(),
    progress: SyncProgressSchema,
  }),
  z.object({
    kind: z.literal('scope-failed'),
    ...base,
    error: ScopeErrorSchema.partial({ account: true, region: true, service: true }),
    progress: SyncProgressSchema,
  }),
  z.object({
    kind: z.literal('sync-finished'),
    ...base,
    /** The stored record as `GET /syncs/{id}` answers it; `error` set when it ended abnormally. */
    sync: SyncRecordSchema.optional(),
    progress: SyncProgressSchema,
    error: ErrorBodySchema.shape.error.optional(),
  }),
]);
export type SyncStreamEvent = z.infer<typeof SyncStreamEventSchema>;

/**
 * One message on the daemon's global WebSocket, `/api/v1/events`: every live event of the runs
 * this daemon applies (`event`, as on an execution's own stream) and of the syncs it runs
 * (`sync`). No replay and no `end`: it is a live feed for a dashboard.
 */
export const DaemonEventMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('event'), event: ExecutionEventSchema }),
  z.object({ type: z.literal('sync'), event: SyncStreamEventSchema }),
]);
export type DaemonEventMessage = z.infer<typeof DaemonEventMessageSchema>;
