import { z } from 'zod';
import {
  ActionButtonComponentSchema,
  AlertListComponentSchema,
  BadgeComponentSchema,
  CalloutComponentSchema,
  CodeBlockComponentSchema,
  ConfirmationPromptComponentSchema,
  CostChartComponentSchema,
  DiffComponentSchema,
  EmptyStateComponentSchema,
  ErrorComponentSchema,
  KeyValueComponentSchema,
  MarkdownComponentSchema,
  PlanReviewComponentSchema,
  PlaybookCardComponentSchema,
  ProgressComponentSchema,
  ResourceCardComponentSchema,
  ResourceListComponentSchema,
  ScopeChipsComponentSchema,
  StepsTimelineComponentSchema,
  TableComponentSchema,
  TextComponentSchema,
} from './ui-components.schema.ts';

/** How deep containers may nest: a renderer recurses, so the depth is bounded. */
export const UI_MAX_DEPTH = 4;

/** A titled group of components (the answer's sections). */
export interface UiSection {
  type: 'section';
  title?: string | undefined;
  children: UiComponent[];
}

/** Alternative views of one answer (plan / targets / YAML). */
export interface UiTabs {
  type: 'tabs';
  tabs: { label: string; children: UiComponent[] }[];
}

type Leaf = z.infer<(typeof LEAF_SCHEMAS)[number]>;

/** One node of a server-driven answer: a leaf component, a section or tabs. */
export type UiComponent = Leaf | UiSection | UiTabs;

const LEAF_SCHEMAS = [
  TextComponentSchema,
  MarkdownComponentSchema,
  TableComponentSchema,
  ResourceListComponentSchema,
  ResourceCardComponentSchema,
  PlaybookCardComponentSchema,
  PlanReviewComponentSchema,
  DiffComponentSchema,
  CodeBlockComponentSchema,
  CostChartComponentSchema,
  AlertListComponentSchema,
  ProgressComponentSchema,
  KeyValueComponentSchema,
  BadgeComponentSchema,
  CalloutComponentSchema,
  StepsTimelineComponentSchema,
  EmptyStateComponentSchema,
  ErrorComponentSchema,
  ConfirmationPromptComponentSchema,
  ActionButtonComponentSchema,
  ScopeChipsComponentSchema,
] as const;

export const SectionComponentSchema: z.ZodType<UiSection> = z.strictObject({
  type: z.literal('section'),
  title: z.string().min(1).max(200).optional(),
  get children() {
    return z.array(UiComponentSchema).max(50);
  },
});

export const TabsComponentSchema: z.ZodType<UiTabs> = z.strictObject({
  type: z.literal('tabs'),
  tabs: z
    .array(
      z.strictObject({
        label: z.string().min(1).max(60),
        get children() {
          return z.array(UiComponentSchema).max(50);
        },
      }),
    )
    .min(1)
    .max(10),
});

/**
 * Any component of the vocabulary, discriminated by `type`. Containers are checked for depth
 * too (`UI_MAX_DEPTH`), so a hostile or buggy server cannot make a client recurse without end.
 *
 * @example
 * UiComponentSchema.parse({ type: 'badge', label: 'prod', tone: 'danger' });
 */
export const UiComponentSchema: z.ZodType<UiComponent> = z
  .union([z.discriminatedUnion('type', [...LEAF_SCHEMAS]), SectionComponentSchema, TabsComponentSchema])
  .superRefine((component, ctx) => {
    if (depthOf(component) > UI_MAX_DEPTH) {
      ctx.addIssue({ code: 'custom', message: `components nest deeper than ${UI_MAX_DEPTH} levels` });
    }
  });

/** Every component type name, for renderers that want to check they cover the vocabulary. */
export const UI_COMPONENT_TYPES = [
  ...LEAF_SCHEMAS.map((schema) => schema.shape.type.value),
  'section',
  'tabs',
] as const;

/** Nesting depth of a component: 1 for a leaf. */
export function depthOf(component: UiComponent): number {
  if (component.type === 'section') return 1 + Math.max(0, ...component.children.map(depthOf));
  if (component.type === 'tabs') {
    return 1 + Math.max(0, ...component.tabs.flatMap((tab) => tab.children.map(depthOf)));
  }
  return 1;
}

/** Visits every component of a tree, depth first, containers before their children. */
export function* walkComponents(components: readonly UiComponent[]): Generator<UiComponent> {
  for (const component of components) {
    yield component;
    if (component.type === 'section') yield* walkComponents(component.children);
    if (component.type === 'tabs') for (const tab of component.tabs) yield* walkComponents(tab.children);
  }
}
