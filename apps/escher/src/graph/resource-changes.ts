import { UserError } from '@escher/protocol';
import type { ChangeKind, FieldChange, ResourceChange } from '../store/store.types.ts';

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * The instant `--changed-since` means: an ISO 8601 date or time (`2026-11-21`,
 * `2026-11-21T09:00:00Z`), or a duration ago (`45s`, `30m`, `2h`, `7d`, `2w`) counted from `now`.
 *
 * @returns milliseconds since the epoch
 */
export function parseSince(text: string, now: number): number {
  const trimmed = text.trim();
  const duration = /^(\d+)\s*([smhdw])$/i.exec(trimmed);
  if (duration) {
    return now - Number(duration[1]) * (UNIT_MS[(duration[2] as string).toLowerCase()] as number);
  }
  const ms = /^\d{4}-\d{2}-\d{2}/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new UserError('since-invalid', `'${text}' is neither an ISO time nor a duration`, {
      hint: 'e.g. --changed-since 2h, 30m, 7d or 2026-11-21T09:00:00Z',
    });
  }
  return ms;
}

/** What happened to one resource over a period, folded from its changes. */
export interface NetChange {
  resourceId: string;
  /** `added` if it appeared in the period (however often it changed after), else the last kind. */
  kind: ChangeKind;
  /** The latest change's time (ISO 8601). */
  at: string;
  /** For `changed`: every field that changed in the period, in first-seen order. */
  fields?: string[];
}

/**
 * Folds a change feed (oldest first, as `Store.changesSince` returns it) into one net change per
 * resource, in the order resources first changed.
 */
export function netChanges(changes: readonly ResourceChange[]): NetChange[] {
  const byId = new Map<string, NetChange>();
  for (const change of changes) {
    const current = byId.get(change.resourceId);
    // An addition or removal restarts the story: removed and back in the period reads as added.
    if (!current || change.kind !== 'changed') {
      const next: NetChange = { resourceId: change.resourceId, kind: change.kind, at: change.at };
      if (change.kind === 'changed') next.fields = fieldsOf(change);
      byId.set(change.resourceId, next);
      continue;
    }
    current.at = change.at;
    if (current.kind === 'removed') {
      current.kind = 'changed';
      current.fields = fieldsOf(change);
    } else if (current.kind === 'changed') {
      const fields = new Set(current.fields);
      for (const field of fieldsOf(change)) fields.add(field);
      current.fields = [...fields];
    }
  }
  return [...byId.values()];
}

function fieldsOf(change: ResourceChange): string[] {
  return (change.changes ?? []).map((c) => c.field);
}

/** One field change for people: `state: running → stopped`, `tags.owner: + ana`, `tags.x: − old`. */
export function describeFieldChange(change: FieldChange): string {
  const has = (key: 'before' | 'after'): boolean => Object.hasOwn(change, key);
  if (!has('before')) return `${change.field}: + ${show(change.after)}`;
  if (!has('after')) return `${change.field}: − ${show(change.before)}`;
  return `${change.field}: ${show(change.before)} → ${show(change.after)}`;
}

function show(value: unknown): string {
  if (typeof value === 'string') return clip(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && 'targetId' in v)) {
    return `[${value.length} relationship${value.length === 1 ? '' : 's'}]`;
  }
  return clip(JSON.stringify(value) ?? String(value));
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
