import type { Resource } from '@escher/protocol';
import type { FieldChange } from '../store.types.ts';

const SCALAR_FIELDS = [
  'nativeId',
  'cloud',
  'account',
  'region',
  'zone',
  'type',
  'nativeType',
  'name',
  'state',
  'environment',
  'createdAt',
  'costMonthly',
] as const;

/**
 * The field-level difference between two versions of a resource: one entry per scalar field,
 * tag and (nested) attribute that differs, and one for `relationships` as a whole. Key order
 * does not count as a change.
 *
 * @example
 * diffResources(old, now) // [{ field: 'state', before: 'running', after: 'stopped' }, { field: 'tags.owner', after: 'ana' }]
 */
export function diffResources(before: Resource, after: Resource): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of SCALAR_FIELDS) pushIfDifferent(changes, field, before[field], after[field]);
  diffObjects(changes, 'tags', before.tags, after.tags, false);
  diffObjects(changes, 'attributes', before.attributes, after.attributes, true);
  if (!deepEqual(before.relationships, after.relationships)) {
    changes.push({ field: 'relationships', before: before.relationships, after: after.relationships });
  }
  return changes;
}

function diffObjects(
  changes: FieldChange[],
  prefix: string,
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  recurse: boolean,
): void {
  for (const key of Object.keys(before)) {
    const path = `${prefix}.${key}`;
    const a = before[key];
    const b = after[key];
    if (recurse && isPlainObject(a) && isPlainObject(b)) diffObjects(changes, path, a, b, true);
    else pushIfDifferent(changes, path, a, b);
  }
  for (const key of Object.keys(after)) {
    if (!Object.hasOwn(before, key)) pushIfDifferent(changes, `${prefix}.${key}`, undefined, after[key]);
  }
}

function pushIfDifferent(changes: FieldChange[], field: string, before: unknown, after: unknown): void {
  if (deepEqual(before, after)) return;
  const change: FieldChange = { field };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  changes.push(change);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]))
    );
  }
  return false;
}
