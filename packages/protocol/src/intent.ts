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
 * slots, ANDed). The ONE intent schema: the deterministic Master (`parseIntent` in
 * @escher/knowledge), an optional model, the server's wire and `escher ask --json` all use it.
 * An absent slot may be missing or `null` (the parser leaves it out, the wire writes `null`;
 * `canonicalIntent` gives the wire form). `region` is a list when the request names a group
 * ("Europe regions"); several types ("vms and disks", "IAM") are a `type` condition. Unknown
 * fields (a parser's spans, a model's extras) are stripped, the named ones are checked.
 */
export const IntentSchema = z.object({
  action: ActionSchema,
  resourceType: ResourceTypeSchema.nullish(),
  cloud: CloudSchema.nullish(),
  account: z.string().nullish(),
  /** One code, or several for "Europe regions". */
  region: z.union([z.string(), z.array(z.string())]).nullish(),
  environment: EnvironmentSchema.nullish(),
  tags: z.record(z.string(), z.string()).default({}),
  state: z.string().nullable().default(null),
  names: z.array(z.string()).nullish(),
  conditions: z.array(IntentConditionSchema).default([]),
  params: IntentParamsSchema.default({}),
});
export type Intent = z.infer<typeof IntentSchema>;

/** The same schema under its first name (the parser's), kept so imports of either name work. */
export const RequestIntentSchema = IntentSchema;
export type RequestIntent = Intent;

/** The wire form of an intent: every SPEC 4 slot present, `null` (or `[]`) where absent. */
export interface CanonicalIntent {
  action: Intent['action'];
  resourceType: NonNullable<Intent['resourceType']> | null;
  cloud: NonNullable<Intent['cloud']> | null;
  account: string | null;
  region: string | string[] | null;
  environment: NonNullable<Intent['environment']> | null;
  tags: Record<string, string>;
  state: string | null;
  names: string[];
  conditions: IntentCondition[];
  params: IntentParams;
}

/**
 * Every slot written out, so JSON consumers (`escher ask --json`, the server's answer) see one
 * stable shape whichever path produced the intent.
 */
export function canonicalIntent(intent: Intent): CanonicalIntent {
  return {
    action: intent.action,
    resourceType: intent.resourceType ?? null,
    cloud: intent.cloud ?? null,
    account: intent.account ?? null,
    region: intent.region ?? null,
    environment: intent.environment ?? null,
    tags: intent.tags,
    state: intent.state,
    names: intent.names ?? [],
    conditions: intent.conditions,
    params: intent.params,
  };
}

/** A parsed request: the intent, how sure the parser is (0–1), and which slots it could not decide. */
export const ParsedRequestSchema = z.object({
  intent: RequestIntentSchema,
  confidence: z.number().min(0).max(1),
  unsure: z.array(z.string()),
  /** True when the request was read against the previous turn ("stop them", "undo that"). */
  followUp: z.boolean().optional(),
});
export type ParsedRequest = z.infer<typeof ParsedRequestSchema>;
