import { z } from 'zod';
import { PlaybookStateSchema } from './playbook-lifecycle.ts';
import { ApplicabilitySchema, PlaybookSchema, RiskSchema } from './playbook.schema.ts';

/** Where a playbook comes from: shipped with Escher, or added by the user. */
export const PlaybookSourceSchema = z.enum(['builtin', 'user']);
export type PlaybookSource = z.infer<typeof PlaybookSourceSchema>;

/** One kept version of a playbook and the lifecycle state Escher holds for it. */
export const PlaybookVersionInfoSchema = z.object({
  version: z.string(),
  state: PlaybookStateSchema,
  /** When it was added (ISO 8601); absent for built-ins, which ship with Escher. */
  addedAt: z.string().optional(),
  sha256: z.string(),
});
export type PlaybookVersionInfo = z.infer<typeof PlaybookVersionInfoSchema>;

/** One playbook as `escher playbooks list --json` shows it (its latest version). */
export const PlaybookSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  version: z.string(),
  /** The state Escher holds for this version (set-state), not necessarily the document's. */
  state: PlaybookStateSchema,
  source: PlaybookSourceSchema,
  risk: RiskSchema,
  applicability: ApplicabilitySchema,
  versions: z.array(z.string()),
  /** Search relevance, when listed for a `--search` query. */
  score: z.number().optional(),
});
export type PlaybookSummary = z.infer<typeof PlaybookSummarySchema>;

export const PlaybookListSchema = z.object({
  count: z.number().int().nonnegative(),
  playbooks: z.array(PlaybookSummarySchema),
});
export type PlaybookList = z.infer<typeof PlaybookListSchema>;

/** `escher playbooks show ID [--version V] --json`: the whole document (defaults filled in). */
export const PlaybookDetailSchema = z.object({
  source: PlaybookSourceSchema,
  state: PlaybookStateSchema,
  sha256: z.string(),
  versions: z.array(PlaybookVersionInfoSchema),
  playbook: PlaybookSchema,
});
export type PlaybookDetail = z.infer<typeof PlaybookDetailSchema>;

/** `escher playbooks set-state --json` and `add --json`: what changed. */
export const PlaybookStateChangeSchema = z.object({
  id: z.string(),
  version: z.string(),
  from: PlaybookStateSchema.nullable(),
  to: PlaybookStateSchema,
});
export type PlaybookStateChange = z.infer<typeof PlaybookStateChangeSchema>;
