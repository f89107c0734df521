import { UserError } from '@escher/protocol';
import type { OperationOutcome } from '@escher/provider-api';

/** Google's label rules: keys start with a lower-case letter; keys and values ≤ 63 characters. */
const KEY = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;
const MAX_LABELS = 64;

/**
 * Refuses labels Google would refuse, before anything is sent (and in dry runs, where nothing
 * is): upper-case, spaces and punctuation are not allowed in GCP labels, unlike AWS or Azure tags.
 */
export function validateLabels(labels: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(labels)) {
    if (!KEY.test(key))
      throw new UserError('gcp-label-invalid', `GCP label key "${key}" is not allowed.`, {
        hint: 'Label keys start with a lower-case letter and hold only lower-case letters, digits, _ and - (at most 63)',
      });
    if (!VALUE.test(value))
      throw new UserError('gcp-label-invalid', `GCP label value "${value}" (key ${key}) is not allowed.`, {
        hint: 'Label values hold only lower-case letters, digits, _ and - (at most 63); lower-case the value',
      });
  }
  if (Object.keys(labels).length > MAX_LABELS)
    throw new UserError('gcp-label-invalid', `A GCP resource holds at most ${MAX_LABELS} labels.`, {
      hint: 'Remove labels first',
    });
}

/** What a label change does to a resource's current labels, and how to take it back. */
export interface LabelChange {
  /** The whole label map after the change. */
  next: Record<string, string>;
  /** Keys whose value is set (new or different). */
  set: Record<string, string>;
  /** Keys that exist now and are removed. */
  removed: string[];
  changed: boolean;
  undo: OperationOutcome['undo'];
}

/**
 * Applies `set` then removes `remove` from `current`. The undo puts back the old values of keys it
 * overwrote or removed and removes the keys it added: `resource.untag` when it only added keys,
 * else `resource.tag` with `remove`.
 */
export function labelChanges(
  current: Readonly<Record<string, string>>,
  set: Readonly<Record<string, string>>,
  remove: readonly string[],
): LabelChange {
  const next: Record<string, string> = { ...current };
  const changedSet: Record<string, string> = {};
  for (const [k, v] of Object.entries(set))
    if (current[k] !== v) {
      next[k] = v;
      changedSet[k] = v;
    }
  const removed = remove.filter((k) => k in next && !(k in set));
  for (const k of removed) delete next[k];
  validateLabels(next);
  const added = Object.keys(changedSet).filter((k) => !(k in current));
  const restore: Record<string, string> = {};
  for (const k of [...Object.keys(changedSet), ...removed]) if (k in current) restore[k] = current[k]!;
  const changed = Object.keys(changedSet).length > 0 || removed.length > 0;
  let undo: OperationOutcome['undo'];
  if (changed)
    undo =
      Object.keys(restore).length === 0
        ? { operation: 'resource.untag', params: { keys: added } }
        : {
            operation: 'resource.tag',
            params: { tags: restore, ...(added.length ? { remove: added } : {}) },
          };
  return { next, set: changedSet, removed, changed, undo };
}
