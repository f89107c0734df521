import { z } from 'zod';
import { ActionSchema, CloudSchema, EnvironmentSchema, ResourceTypeSchema } from './resource/vocabulary.ts';

/** A time range, ISO 8601 instants, `to` exclusive; `label` is the phrase it came from ("last month"). */
export const IntentPeriodSchema = z.object({
  from: z.string(),
  to: z.string(),
  label: z.string(),
});
export type IntentPeriod = z.infer<typeof IntentPeriodSchema>;

/** Comparison operators a condition may use; `=`/`!=` with a list mean "any of". */
export const IntentOpSchema = z.enum(['=', '!=', '>', '>=', '<', '<=']);

/**
 * One condition of an intent that has no slot of its own: a flag ("public", "unencrypted"), a tag
 * key that must (not) exist, a field comparison (engine, cost, createdAt, an attribute), a word to
 * exclude, or filter syntax written in the request. Plain data, convertible to a store query.
 */
export const IntentConditionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('flag'), flag: z.string(), negated: z.boolean() }),
  z.object({ kind: z.literal('tag'), key: z.string(), negated: z.boolean() }),
  z.object({
    kind: z.literal('field'),
    field: z.string(),
    op: IntentOpSchema,
    value: z.union([z.string(), z.number(), z.array(z.string())]),
  }),
  z.object({ kind: z.literal('text'), text: z.string(), negated: z.boolean() }),
  z.object({ kind: z.literal('filter'), expression: z.string() }),
]);
export type IntentCondition = z.infer<typeof IntentConditionSchema>;

/** What an action needs beyond its targets: sizes, counts, tags to set, periods, orderings. */
export const IntentParamsSchema = z
  .object({
    /** Tags to set (`tag`). */
    tags: z.record(z.string(), z.string()).optional(),
    /** Tag keys to remove (`untag`). */
    tagKeys: z.array(z.string()).optional(),
    /** Target size or SKU (`resize` … "to t3.large"). */
    size: z.string().optional(),
    /** Target count (`scale` … "to 5 nodes"). */
    count: z.number().optional(),
    /** "the 3 largest": keep the first `limit` targets after ordering by `orderBy`. */
    limit: z.number().optional(),
    orderBy: z.object({ field: z.string(), direction: z.enum(['asc', 'desc']) }).optional(),
    /** "more than 5" said of the answer itself ("do we have more than 5 stopped VMs?"). */
    threshold: z.object({ op: IntentOpSchema, value: z.number() }).optional(),
    /** The period asked about ("this month", "last 24 hours"). */
    period: IntentPeriodSchema.optional(),
    /** A second period to compare with ("… vs last month"). */
    comparePeriod: IntentPeriodSchema.optional(),
    /** How to group the answer: `cloud`, `region`, `account`, `environment`, `type` or `tag:KEY` ("cost by team"). */
    groupBy: z.string().optional(),
    /** This turn reverses the previous one ("undo that"). */
    undo: z.boolean().optional(),
  })
  .catchall(z.unknown());
export type IntentParams = z.infer<typeof IntentParamsSchema>;

/**
 * A request understood (SPEC section 4): what to do (`action`) to which resources (the other
 * slots, ANDed). `region` is a list when the request names a group ("Europe regions"); several
 * types ("vms and disks", "IAM") are a `type` condition. What the deterministic Master agent
 * (`parseIntent` in @escher/knowledge) returns; it also validates against the server's looser
 * wire `IntentSchema` (server/ask.schema.ts), which fills absent slots with null.
 */
export const RequestIntentSchema = z.object({
  action: ActionSchema,
  resourceType: ResourceTypeSchema.optional(),
  cloud: CloudSchema.optional(),
  account: z.string().optional(),
  region: z.union([z.string(), z.array(z.string())]).optional(),
  environment: EnvironmentSchema.optional(),
  tags: z.record(z.string(), z.string()).default({}),
  state: z.string().nullable().default(null),
  names: z.array(z.string()).optional(),
  conditions: z.array(IntentConditionSchema).default([]),
  params: IntentParamsSchema.default({}),
});
export type RequestIntent = z.infer<typeof RequestIntentSchema>;

/** A parsed request: the intent, how sure the parser is (0–1), and which slots it could not decide. */
export const ParsedRequestSchema = z.object({
  intent: RequestIntentSchema,
  confidence: z.number().min(0).max(1),
  unsure: z.array(z.string()),
});
export type ParsedRequest = z.infer<typeof ParsedRequestSchema>;
