import { z } from 'zod';
import { RiskSchema } from '../playbook/playbook.schema.ts';
import { CloudSchema, ResourceTypeSchema } from '../resource/vocabulary.ts';
import { UiActionSchema, UiBindingSchema, UiToneSchema } from './ui-action.schema.ts';

/**
 * The fixed vocabulary of server-driven UI (issue 6): the intelligence server answers with a tree
 * of these and every client (terminal, web UI) renders them, so a new kind of answer needs no
 * client release as long as it is made of known parts. Every object is strict: a renderer can
 * trust that what it does not know is not there.
 */

const Title = z.string().min(1).max(200);
const Short = z.string().max(2000);
const Cell = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

export const TextComponentSchema = z.strictObject({ type: z.literal('text'), text: z.string().max(4000) });
export const MarkdownComponentSchema = z.strictObject({
  type: z.literal('markdown'),
  /** CommonMark without raw HTML: renderers escape HTML. */
  markdown: z.string().max(20_000),
});
export const TableComponentSchema = z.strictObject({
  type: z.literal('table'),
  title: Title.optional(),
  columns: z
    .array(z.strictObject({ key: z.string().min(1).max(60), label: z.string().max(80) }))
    .min(1)
    .max(20),
  rows: z.array(z.record(z.string(), Cell)).max(1000),
});
/** Resources, bound by the client from its store (the server only says which and how). */
export const ResourceListComponentSchema = z.strictObject({
  type: z.literal('resource-list'),
  title: Title.optional(),
  bind: UiBindingSchema,
  /** Resource fields to show: `name`, `region`, `state`, `tags.owner`, … */
  columns: z.array(z.string().min(1).max(60)).min(1).max(12),
  /** What the list holds, when known from the counts the client sent. */
  expectedCount: z.number().int().min(0).optional(),
  emptyText: z.string().max(200).optional(),
});
export const ResourceCardComponentSchema = z.strictObject({
  type: z.literal('resource-card'),
  bind: UiBindingSchema,
  /** Which of the bound resources: the first by default. */
  index: z.number().int().min(0).default(0),
  fields: z.array(z.string().min(1).max(60)).max(20),
});
export const PlaybookCardComponentSchema = z.strictObject({
  type: z.literal('playbook-card'),
  playbookId: z.string().min(1).max(100),
  name: Title,
  version: z.string().max(40),
  risk: RiskSchema,
  /** Why it was ranked where it is, in words. */
  reason: Short,
  score: z.number().min(0).max(1),
  chosen: z.boolean(),
  actions: z.array(UiActionSchema).max(4),
});
export const PlanStepSchema = z.strictObject({
  id: z.string().min(1).max(100),
  title: z.string().max(300),
  /** A catalogue operation (`compute.instance.stop`) or the program of a command step. */
  operation: z.string().max(200).optional(),
  command: z.array(z.string().max(500)).max(50).optional(),
  detail: z.string().max(500).optional(),
});
export type PlanStep = z.infer<typeof PlanStepSchema>;
export const PlanReviewComponentSchema = z.strictObject({
  type: z.literal('plan-review'),
  playbookId: z.string().min(1).max(100),
  risk: RiskSchema,
  requiresApproval: z.boolean(),
  steps: z.array(PlanStepSchema).max(100),
  targetsBind: UiBindingSchema,
});
export const DiffComponentSchema = z.strictObject({
  type: z.literal('diff'),
  title: Title.optional(),
  changes: z
    .array(z.strictObject({ field: z.string().max(200), before: Cell.optional(), after: Cell.optional() }))
    .max(500),
});
export const CodeBlockComponentSchema = z.strictObject({
  type: z.literal('code-block'),
  language: z.enum(['text', 'json', 'yaml', 'shell', 'sql']),
  code: z.string().max(20_000),
});
export const CostChartComponentSchema = z.strictObject({
  type: z.literal('cost-chart'),
  title: Title.optional(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  series: z
    .array(
      z.strictObject({
        label: z.string().max(80),
        points: z.array(z.strictObject({ at: z.string().max(40), amount: z.number() })).max(400),
      }),
    )
    .min(1)
    .max(10),
});
export const AlertListComponentSchema = z.strictObject({
  type: z.literal('alert-list'),
  title: Title.optional(),
  alerts: z
    .array(
      z.strictObject({
        checkId: z.string().max(100),
        severity: z.enum(['low', 'medium', 'high', 'critical']),
        message: z.string().max(500),
        count: z.number().int().min(0).optional(),
      }),
    )
    .max(200),
});
export const ProgressComponentSchema = z.strictObject({
  type: z.literal('progress'),
  label: z.string().max(200),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});
export const KeyValueComponentSchema = z.strictObject({
  type: z.literal('key-value'),
  title: Title.optional(),
  items: z.array(z.strictObject({ key: z.string().max(80), value: z.string().max(500) })).max(50),
});
export const BadgeComponentSchema = z.strictObject({
  type: z.literal('badge'),
  label: z.string().min(1).max(60),
  tone: UiToneSchema,
});
export const CalloutComponentSchema = z.strictObject({
  type: z.literal('callout'),
  tone: UiToneSchema,
  title: Title.optional(),
  text: Short,
});
export const StepsTimelineComponentSchema = z.strictObject({
  type: z.literal('steps-timeline'),
  steps: z
    .array(
      z.strictObject({
        label: z.string().max(200),
        status: z.enum(['pending', 'running', 'succeeded', 'failed', 'skipped']),
        at: z.string().max(40).optional(),
      }),
    )
    .max(100),
});
export const EmptyStateComponentSchema = z.strictObject({
  type: z.literal('empty-state'),
  title: Title,
  text: Short.optional(),
  actions: z.array(UiActionSchema).max(4).optional(),
});
export const ErrorComponentSchema = z.strictObject({
  type: z.literal('error'),
  code: z.string().max(100),
  message: Short,
  hint: Short.optional(),
});
/** Asks before a change; production changes make the user type the target count (SPEC section 9). */
export const ConfirmationPromptComponentSchema = z.strictObject({
  type: z.literal('confirmation-prompt'),
  question: Short,
  requireTypedCount: z.boolean(),
  confirm: UiActionSchema,
  cancel: UiActionSchema,
});
export const ActionButtonComponentSchema = z.strictObject({
  type: z.literal('action-button'),
  action: UiActionSchema,
  tone: UiToneSchema.optional(),
});
/** The scope an answer covers, as chips: what the intent resolved to. */
export const ScopeChipsComponentSchema = z.strictObject({
  type: z.literal('scope-chips'),
  resourceType: ResourceTypeSchema.optional(),
  clouds: z.array(CloudSchema).max(3),
  regions: z.array(z.string().max(40)).max(100),
  environment: z.string().max(20).optional(),
  tags: z.record(z.string().max(128), z.string().max(256)),
});
