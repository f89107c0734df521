import type { Resource } from '@escher/protocol';
import { hasFlag } from '../ontology/flags.ts';
import { normaliseEngine } from '../ontology/engines.ts';
import type { FilterExpr, FilterField } from './filter.types.ts';

type CompareNode = Extract<FilterExpr, { kind: 'compare' }>;

/**
 * Whether a resource matches a parsed filter. String comparisons ignore case (Azure ids and tag
 * keys come in any casing); a missing field matches no `=`, `~` or ordering comparison and every
 * `!=`. Ordering comparisons need numbers (`cost` is costMonthly; attributes may be numeric
 * strings); `created` compares times.
 *
 * @example evaluate(parseFilter('env=prod cost>100'), resource)
 */
export function evaluate(expr: FilterExpr, resource: Resource): boolean {
  switch (expr.kind) {
    case 'and':
      return expr.children.every((child) => evaluate(child, resource));
    case 'or':
      return expr.children.some((child) => evaluate(child, resource));
    case 'not':
      return !evaluate(expr.child, resource);
    case 'flag':
      return hasFlag(resource, expr.flag);
    case 'exists':
      return fieldValues(expr.field, resource).length > 0;
    case 'text':
      return matchesText(expr.text.toLowerCase(), resource);
    case 'compare':
      return compare(expr, resource);
  }
}

/** Compiles a filter into a predicate, e.g. for `Array.prototype.filter`. */
export function toPredicate(expr: FilterExpr): (resource: Resource) => boolean {
  return (resource) => evaluate(expr, resource);
}

function compare(node: CompareNode, resource: Resource): boolean {
  const values = fieldValues(node.field, resource);
  switch (node.op) {
    case '=':
      return values.some((v) => equals(node, v));
    case '!=':
      return !values.some((v) => equals(node, v));
    case '~':
      return values.some((v) => stringOf(v).includes(node.values[0]!));
    default:
      return values.some((v) => ordered(node, v));
  }
}

function equals(node: CompareNode, value: unknown): boolean {
  const text = stringOf(value);
  if (node.glob) return node.values.some((pattern) => globRegExp(pattern).test(text));
  if (node.field.kind === 'core' && node.field.name === 'engine') {
    const engine = normaliseEngine(text) ?? text;
    return node.values.includes(engine);
  }
  if (typeof value === 'number') return node.values.some((v) => v !== '' && Number(v) === value);
  return node.values.includes(text);
}

function ordered(node: CompareNode, value: unknown): boolean {
  const limit = node.number!;
  const n =
    node.field.kind === 'core' && node.field.name === 'createdAt'
      ? Date.parse(stringOf(value))
      : toNumber(value);
  if (n === undefined || Number.isNaN(n)) return false;
  switch (node.op) {
    case '>':
      return n > limit;
    case '>=':
      return n >= limit;
    case '<':
      return n < limit;
    default:
      return n <= limit;
  }
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** The values a field has on a resource: none when absent, several for arrays and duplicate-cased tags. */
function fieldValues(field: FilterField, resource: Resource): unknown[] {
  switch (field.kind) {
    case 'core':
      return present(coreValue(field.name, resource));
    case 'tag':
      return tagValues(field.key, resource);
    case 'attribute':
      return present(attributeAt(resource.attributes, field.path));
    case 'key': {
      const tags = tagValues(field.key, resource);
      return tags.length > 0 ? tags : present(attributeAt(resource.attributes, field.key));
    }
  }
}

function coreValue(name: Extract<FilterField, { kind: 'core' }>['name'], r: Resource): unknown {
  switch (name) {
    case 'cost':
      return r.costMonthly;
    case 'engine':
      return r.attributes['engine'];
    case 'id':
      return r.id === r.nativeId ? r.id : [r.id, r.nativeId];
    default:
      return r[name];
  }
}

function present(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.filter((v) => v !== undefined && v !== null) : [value];
}

function tagValues(key: string, resource: Resource): string[] {
  const lower = key.toLowerCase();
  return Object.entries(resource.tags)
    .filter(([k]) => k.toLowerCase() === lower)
    .map(([, v]) => v);
}

/** `a.b.c` into nested attributes; an exact key with dots wins over nesting. */
function attributeAt(attributes: Record<string, unknown>, path: string): unknown {
  if (path in attributes) return attributes[path];
  const lower = path.toLowerCase();
  const key = Object.keys(attributes).find((k) => k.toLowerCase() === lower);
  if (key !== undefined) return attributes[key];
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  const head = attributes[path.slice(0, dot)];
  return head && typeof head === 'object' && !Array.isArray(head)
    ? attributeAt(head as Record<string, unknown>, path.slice(dot + 1))
    : undefined;
}

function stringOf(value: unknown): string {
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value)?.toLowerCase() ?? '';
}

function matchesText(needle: string, resource: Resource): boolean {
  if (resource.name.toLowerCase().includes(needle)) return true;
  if (resource.id.toLowerCase().includes(needle)) return true;
  return Object.values(resource.tags).some((v) => v.toLowerCase().includes(needle));
}

const globCache = new Map<string, RegExp>();

function globRegExp(pattern: string): RegExp {
  let re = globCache.get(pattern);
  if (!re) {
    const source = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${source}$`, 's');
    if (globCache.size > 1000) globCache.clear();
    globCache.set(pattern, re);
  }
  return re;
}
