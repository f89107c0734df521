import type { Cloud, Environment, ResourceType } from '@escher/protocol';
import type { CoreField, FilterExpr } from './filter.types.ts';

/**
 * Equality constraints a store can apply before evaluating the full filter: each list is a
 * necessary condition (the resource's value must be one of them). Shaped like the store's
 * ResourceFilter lists.
 */
export interface PushdownConstraints {
  type?: ResourceType[];
  cloud?: Cloud[];
  region?: string[];
  environment?: Environment[];
  state?: string[];
}

type PushField = keyof PushdownConstraints;
// Only fields the store keeps normalised in lower case: a pushed-down value must compare exactly
// as evaluate() compares it (case-insensitively), or rows would be lost. Accounts and tags keep
// their source casing, so they are left to evaluate().
const PUSHABLE: ReadonlySet<CoreField> = new Set(['type', 'cloud', 'region', 'environment', 'state']);

/**
 * Pulls the plain equality constraints out of a filter: top-level AND terms of the form
 * `field=value` (synonyms already resolved) or an OR of such terms on one field, for type, cloud,
 * region, environment and state. Repeated fields intersect. Globs, negations, and anything under
 * NOT or a mixed OR are left out — the store pre-filters with the result, then `evaluate` decides.
 *
 * @example pushdown(parseFilter('cloud:aws type:database region:frankfurt cost>10'))
 * // { cloud: ['aws'], type: ['database.instance'], region: ['eu-central-1', 'europe-west3', 'germanywestcentral'] }
 */
export function pushdown(expr: FilterExpr): PushdownConstraints {
  const result: Partial<Record<PushField, string[]>> = {};
  for (const conjunct of conjuncts(expr)) {
    const constraint = equalityOf(conjunct);
    if (!constraint) continue;
    const [field, values] = constraint;
    const existing = result[field];
    result[field] = existing ? existing.filter((v) => values.includes(v)) : [...new Set(values)];
  }
  return result as PushdownConstraints;
}

function conjuncts(expr: FilterExpr): FilterExpr[] {
  return expr.kind === 'and' ? expr.children.flatMap(conjuncts) : [expr];
}

function equalityOf(expr: FilterExpr): [PushField, string[]] | undefined {
  if (expr.kind === 'compare') {
    if (expr.op !== '=' || expr.glob || expr.field.kind !== 'core' || !PUSHABLE.has(expr.field.name))
      return undefined;
    return [expr.field.name as PushField, expr.values];
  }
  if (expr.kind === 'or') {
    const parts = expr.children.map(equalityOf);
    const field = parts[0]?.[0];
    if (!field || parts.some((p) => !p || p[0] !== field)) return undefined;
    return [field, parts.flatMap((p) => p![1])];
  }
  return undefined;
}
