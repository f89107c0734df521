import { z } from 'zod';

/**
 * A playbook version's lifecycle (SPEC section 5). A playbook is authored (`draft`), reviewed,
 * tried against a test estate, declared `ready` for attended runs and finally `active`, the only
 * state in which it may run unattended (scheduled or automatic remediation). `suspended` pauses
 * an active one; `failed` marks one that misbehaved in testing or in use; `deprecated`, then
 * `archived`, then `deleted` retire it without ever erasing its history.
 */
export const PLAYBOOK_STATES = [
  'draft',
  'review',
  'testing',
  'ready',
  'active',
  'suspended',
  'failed',
  'deprecated',
  'archived',
  'deleted',
] as const;
export const PlaybookStateSchema = z.enum(PLAYBOOK_STATES);
export type PlaybookState = z.infer<typeof PlaybookStateSchema>;

/**
 * The allowed moves. Every live state may be deprecated; deprecated ones may come back as
 * `ready` (a mistake undone) or be archived; archived ones may be restored to `deprecated` or
 * deleted; `deleted` is final (the versions stay readable, the playbook is no longer listed or run).
 */
export const PLAYBOOK_TRANSITIONS: Readonly<Record<PlaybookState, readonly PlaybookState[]>> = {
  draft: ['review', 'deprecated'],
  review: ['draft', 'testing', 'deprecated'],
  testing: ['ready', 'failed', 'draft', 'deprecated'],
  ready: ['active', 'testing', 'deprecated'],
  active: ['suspended', 'failed', 'deprecated'],
  suspended: ['active', 'failed', 'deprecated'],
  failed: ['draft', 'testing', 'deprecated'],
  deprecated: ['ready', 'archived'],
  archived: ['deprecated', 'deleted'],
  deleted: [],
};

/** Whether a playbook version may move from one state to another. */
export function canTransition(from: PlaybookState, to: PlaybookState): boolean {
  return PLAYBOOK_TRANSITIONS[from].includes(to);
}

/**
 * What a state lets the engine do with a playbook:
 * - `unattended`: plan and run without a person approving each run (only `active`);
 * - `attended`: plan and run after an explicit approval (`ready`, and `deprecated` while it is phased out);
 * - `non-production`: attended runs on non-production targets only (`testing`);
 * - `plan-only`: may be planned to see what it would do, never applied (`draft`, `review`, `suspended`, `failed`);
 * - `never`: not even planned (`archived`, `deleted`).
 */
export type PlaybookRunPolicy = 'unattended' | 'attended' | 'non-production' | 'plan-only' | 'never';

export const PLAYBOOK_RUN_POLICY: Readonly<Record<PlaybookState, PlaybookRunPolicy>> = {
  draft: 'plan-only',
  review: 'plan-only',
  testing: 'non-production',
  ready: 'attended',
  active: 'unattended',
  suspended: 'plan-only',
  failed: 'plan-only',
  deprecated: 'attended',
  archived: 'never',
  deleted: 'never',
};
