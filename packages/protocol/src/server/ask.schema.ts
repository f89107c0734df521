import { z } from 'zod';
import { ErrorBodySchema } from '../errors/escher.error.ts';
import { ApplicabilitySchema, RiskSchema } from '../playbook/playbook.schema.ts';
import { PlaybookStateSchema } from '../playbook/playbook-lifecycle.ts';
import { IntentSchema } from '../intent.ts';
import { CloudSchema, EnvironmentSchema, ResourceTypeSchema } from '../resource/vocabulary.ts';
import { PlanStepSchema } from '../ui/ui-components.schema.ts';
import { UiComponentSchema } from '../ui/ui-component.schema.ts';
import { DIGEST_MAX_BYTES } from '../ui/ui-digest.ts';

/**
 * The wire format of the intelligence server (`apps/server`, `/v1/...`). Requests are strict
 * objects all the way down: the client may send only secret-free summaries (SPEC section 9), and
 * a field the schema does not name — a raw resource, a credential — is refused with HTTP 400
 * rather than silently carried along.
 */

const Count = z.number().int().min(0);
const RegionCode = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'a region code such as us-east-1');
const TagKey = z.string().min(1).max(128);
const Name = z.string().min(1).max(256);

/**
 * What the client tells the server about the estate: counts and vocabularies, never resources.
 * Tag keys but no tag values; names so "stop payments-api" can be understood, no ids or ARNs.
 */
export const ContextSummarySchema = z.strictObject({
  resourceCount: Count,
  types: z.partialRecord(ResourceTypeSchema, Count).default({}),
  clouds: z.partialRecord(CloudSchema, Count).default({}),
  regions: z.record(RegionCode, Count).default({}),
  environments: z.partialRecord(EnvironmentSchema, Count).default({}),
  tagKeys: z.array(TagKey).max(500).default([]),
  /** Names of resources (and account aliases) the user may mention; capped for size. */
  names: z.array(Name).max(5000).default([]),
  accounts: z.array(Name).max(200).default([]),
});
export type ContextSummary = z.infer<typeof ContextSummarySchema>;

/**
 * A playbook as the Playbook agent ranks it: what it is for and its step outline, no parameter
 * values. The global and tenant catalogues live with the server; the client adds the user's own.
 */
export const PlaybookBriefSchema = z.strictObject({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  description: z.string().max(2000),
  version: z.string().min(1).max(40),
  state: PlaybookStateSchema.optional(),
  risk: RiskSchema,
  applicability: ApplicabilitySchema,
  keywords: z.array(z.string().max(60)).max(50).default([]),
  steps: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(100),
        name: z.string().max(200).optional(),
        action: z.string().max(200).optional(),
        /** argv with its placeholders, as written in the playbook. */
        command: z.array(z.string().max(500)).max(50).optional(),
      }),
    )
    .max(100),
});
export type PlaybookBrief = z.infer<typeof PlaybookBriefSchema>;

/** Anonymous outcome counts of a playbook, which move its ranking. */
export const PlaybookOutcomeSchema = z.strictObject({
  playbookId: z.string().min(1).max(100),
  successes: Count,
  failures: Count,
});
export type PlaybookOutcome = z.infer<typeof PlaybookOutcomeSchema>;

/** One earlier turn of the conversation, as chat history keeps it. */
export const ConversationTurnSchema = z.strictObject({
  request: z.string().min(1).max(2000),
  digest: z.string().max(DIGEST_MAX_BYTES * 2),
});

/** `POST /v1/ask` and the first message of `/v1/ask/stream`. */
export const AskRequestSchema = z.strictObject({
  request: z.string().trim().min(1, 'say what you want to do').max(2000),
  context: ContextSummarySchema,
  conversation: z.array(ConversationTurnSchema).max(20).default([]),
  playbooks: z.array(PlaybookBriefSchema).max(500).default([]),
  outcomes: z.array(PlaybookOutcomeSchema).max(2000).default([]),
  /**
   * The previous turn's intent, for "stop them", "only the ones in eu-west-1", "undo that". It is
   * what the server answered last time (words of the user's own requests), never target ids:
   * the client keeps which resources those were.
   */
  previous: IntentSchema.optional(),
});
export type AskRequest = z.infer<typeof AskRequestSchema>;
export type AskRequestInput = z.input<typeof AskRequestSchema>;

export const RankedPlaybookSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  risk: RiskSchema,
  score: z.number().min(0).max(1),
  reason: z.string(),
  source: z.enum(['global', 'tenant', 'user']),
});
export type RankedPlaybook = z.infer<typeof RankedPlaybookSchema>;

export const ValidationFindingSchema = z.strictObject({
  level: z.enum(['info', 'warn', 'error']),
  code: z.string(),
  message: z.string(),
});
export type ValidationFinding = z.infer<typeof ValidationFindingSchema>;

/** The answer of `POST /v1/ask`; the stream carries the same, in pieces. */
export const AskResponseSchema = z.strictObject({
  request: z.string(),
  intent: IntentSchema,
  /** Which path understood the request: the deterministic parser, or the server's fallback. */
  understoodBy: z.enum(['parser', 'fallback', 'model']),
  /** The reading the answer is built on: the deterministic path, or the optional model (apps/server/src/llm). */
  engine: z.enum(['deterministic', 'llm']).optional(),
  /** Why the model's reading was not used when it was asked (`model-timeout`, `model-unreachable`, …). */
  fallback: z.string().max(60).optional(),
  answer: z.string(),
  playbook: RankedPlaybookSchema.nullable(),
  alternatives: z.array(RankedPlaybookSchema),
  steps: z.array(PlanStepSchema),
  risk: RiskSchema.nullable(),
  requiresApproval: z.boolean(),
  validation: z.array(ValidationFindingSchema),
  components: z.array(UiComponentSchema),
  digest: z.string().max(DIGEST_MAX_BYTES),
});
export type AskResponse = z.infer<typeof AskResponseSchema>;

/** Messages of `/v1/ask/stream`, in this order: text…, components, digest, result. */
export const AskStreamMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: z.string() }),
  z.strictObject({ type: z.literal('components'), components: z.array(UiComponentSchema) }),
  z.strictObject({ type: z.literal('digest'), digest: z.string().max(DIGEST_MAX_BYTES) }),
  z.strictObject({ type: z.literal('result'), result: AskResponseSchema }),
  z.strictObject({ type: z.literal('error'), error: ErrorBodySchema.shape.error }),
]);
export type AskStreamMessage = z.infer<typeof AskStreamMessageSchema>;

export const ServerHealthSchema = z.object({ status: z.literal('ok'), version: z.string() });
