import { z } from 'zod';
import { ResourceHistorySchema } from './daemon/daemon-dto.schema.ts';
import { ResourceSchema } from './resource/resource.schema.ts';
import { CloudSchema, EnvironmentSchema, ResourceTypeSchema } from './resource/vocabulary.ts';

/**
 * Whether the store still knows a resource: `live` (found by the last sync of its scope),
 * `removed` (a sync no longer found it; its last known name and type are kept) or `dangling`
 * (a relationship names it, but no sync ever listed it: another account, a type Escher does not
 * discover, or a stale reference in the cloud).
 */
export const GraphNodeStatusSchema = z.enum(['live', 'removed', 'dangling']);
export type GraphNodeStatus = z.infer<typeof GraphNodeStatusSchema>;

/** A related resource as `escher graph` shows it: enough to recognise it without a second lookup. */
export const GraphNodeSchema = z.object({
  id: z.string().min(1),
  status: GraphNodeStatusSchema,
  /** The fields below are absent for a `dangling` node: nothing is known but its id. */
  type: ResourceTypeSchema.optional(),
  name: z.string().optional(),
  cloud: CloudSchema.optional(),
  account: z.string().optional(),
  region: z.string().optional(),
  state: z.string().optional(),
  environment: EnvironmentSchema.optional(),
});
export type GraphNode = z.infer<typeof GraphNodeSchema>;

/**
 * One relationship of the resource in question. `outgoing`: the resource points at `node`
 * (an instance's `security-group`); `incoming`: `node` points at the resource (an instance
 * that lists this security group).
 */
export const GraphEdgeSchema = z.object({
  kind: z.string().min(1),
  direction: z.enum(['outgoing', 'incoming']),
  node: GraphNodeSchema,
});
export type GraphEdge = z.infer<typeof GraphEdgeSchema>;

/** A resource in the blast radius, with the relationship that brought it in (for the tree). */
export const BlastEntrySchema = z.object({
  /** Hops from the resource in question (1 = directly affected). */
  depth: z.number().int().positive(),
  /** The already-affected resource it depends on, and the relationship kind between the two. */
  via: z.object({ id: z.string().min(1), kind: z.string().min(1) }),
  node: GraphNodeSchema,
});
export type BlastEntry = z.infer<typeof BlastEntrySchema>;

/**
 * What else is affected if the resource is stopped, deleted or changed: every live resource that
 * depends on it, directly or through others, up to `maxDepth` hops and `limit` resources. The
 * per-kind rules are in docs/graph.md.
 */
export const BlastRadiusSchema = z.object({
  maxDepth: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  /** True when `limit` cut the walk short (the counts are then lower bounds). */
  truncated: z.boolean(),
  count: z.number().int().nonnegative(),
  byDepth: z.array(z.object({ depth: z.number().int().positive(), count: z.number().int().positive() })),
  /** Most common type first. */
  byType: z.array(z.object({ type: ResourceTypeSchema, count: z.number().int().positive() })),
  production: z.object({
    count: z.number().int().nonnegative(),
    /** production count / count, 0 when the radius is empty. */
    share: z.number().min(0).max(1),
  }),
  /** Breadth first: by depth, then by type and name. */
  resources: z.array(BlastEntrySchema),
});
export type BlastRadius = z.infer<typeof BlastRadiusSchema>;

/** `escher graph ID --json` (and, later, the daemon's `GET /resources/:id/graph`). */
export const ResourceGraphReportSchema = z.object({
  resource: ResourceSchema,
  outgoing: z.array(GraphEdgeSchema),
  incoming: z.array(GraphEdgeSchema),
  blastRadius: BlastRadiusSchema,
});
export type ResourceGraphReport = z.infer<typeof ResourceGraphReportSchema>;

/**
 * `escher history ID --json`: the daemon's `ResourceHistory` (`{resourceId, changes}`, oldest
 * first) plus the resource as last known, so a removed resource still has a name.
 */
export const HistoryReportSchema = ResourceHistorySchema.extend({ resource: GraphNodeSchema });
export type HistoryReport = z.infer<typeof HistoryReportSchema>;

/**
 * `escher resources --changed-since T --json`: SPEC section 7's `{count, resources}` (live
 * resources added or changed since T), plus the net change of each and, with `--removed`, the
 * resources removed since T as last known.
 */
export const ChangedResourcesSchema = z.object({
  count: z.number().int().nonnegative(),
  resources: z.array(ResourceSchema),
  since: z.string(),
  changes: z.array(
    z.object({
      resourceId: z.string().min(1),
      kind: z.enum(['added', 'changed', 'removed']),
      /** The latest change's time. */
      at: z.string(),
      /** Changed fields since T, for `changed`. */
      fields: z.array(z.string()).optional(),
    }),
  ),
  removed: z.array(z.object({ at: z.string(), resource: ResourceSchema })).optional(),
});
export type ChangedResources = z.infer<typeof ChangedResourcesSchema>;
