import type { RequestIntent, IntentCondition } from '@escher/protocol';
import { resolveField } from '../filter/fields.ts';
import type { CompareOp, CoreField, FilterExpr, FilterField } from '../filter/filter.types.ts';
import { MATCH_ALL } from '../filter/filter.types.ts';
import { parseFilter } from '../filter/parser.ts';
import type { AttributeFlag } from '../ontology/flags.ts';

const list = (value: string | readonly string[]): string[] =>
  typeof value === 'string' ? [value] : [...value];

function compare(field: FilterField, op: CompareOp, values: readonly string[], number?: number): FilterExpr {
  const expr: FilterExpr = {
    kind: 'compare',
    field,
    op,
    value: values.join(','),
    values: values.map((v) => v.toLowerCase()),
    glob: false,
    column: 1,
  };
  if (number !== undefined) expr.number = number;
  return expr;
}

const core = (name: CoreField): FilterField => ({ kind: 'core', name });

function fieldOf(name: string): FilterField {
  return name === 'createdAt' ? core('createdAt') : resolveField(name);
}

function conditionExpr(c: IntentCondition): FilterExpr {
  switch (c.kind) {
    case 'flag': {
      const flag: FilterExpr = { kind: 'flag', flag: c.flag as AttributeFlag, column: 1 };
      return c.negated ? { kind: 'not', child: flag } : flag;
    }
    case 'tag': {
      const exists: FilterExpr = { kind: 'exists', field: { kind: 'tag', key: c.key }, column: 1 };
      return c.negated ? { kind: 'not', child: exists } : exists;
    }
    case 'text': {
      const text: FilterExpr = { kind: 'text', text: c.text, column: 1 };
      return c.negated ? { kind: 'not', child: text } : text;
    }
    case 'filter':
      return parseFilter(c.expression);
    case 'field': {
      const field = fieldOf(c.field);
      if (c.op === '=' || c.op === '!=') {
        const eq = compare(field, '=', list(typeof c.value === 'number' ? String(c.value) : c.value));
        return c.op === '=' ? eq : { kind: 'not', child: eq };
      }
      const number = typeof c.value === 'number' ? c.value : Date.parse(list(c.value)[0] ?? '');
      return compare(field, c.op, [], number);
    }
  }
}

/**
 * The part of an intent that selects resources, as the filter language's expression (AND of
 * every slot; list slots are "any of"), so the client can run it with `evaluate`/`toPredicate`
 * and push its necessary conditions to the store with `pushdown`. Names match the resource name
 * (any casing); the action and its params select nothing.
 */
export function intentToFilter(intent: RequestIntent): FilterExpr {
  const children: FilterExpr[] = [];
  if (intent.resourceType) children.push(compare(core('type'), '=', list(intent.resourceType)));
  if (intent.cloud) children.push(compare(core('cloud'), '=', [intent.cloud]));
  if (intent.account) children.push(compare(core('account'), '=', [intent.account]));
  if (intent.region != null) children.push(compare(core('region'), '=', list(intent.region)));
  if (intent.environment) children.push(compare(core('environment'), '=', [intent.environment]));
  if (intent.state) children.push(compare(core('state'), '=', [intent.state]));
  for (const [key, value] of Object.entries(intent.tags)) {
    children.push(compare({ kind: 'tag', key }, '=', [value]));
  }
  if (intent.names && intent.names.length > 0) children.push(compare(core('name'), '=', intent.names));
  for (const condition of intent.conditions) children.push(conditionExpr(condition));
  if (children.length === 0) return MATCH_ALL;
  return children.length === 1 ? children[0]! : { kind: 'and', children };
}
