import { fieldName } from './fields.ts';
import type { FilterExpr } from './filter.types.ts';

/**
 * Writes a filter back in canonical syntax with synonyms resolved, for `--explain` and logs:
 * `env=production region:frankfurt` → `env=prod AND region=(eu-central-1 OR europe-west3 OR germanywestcentral)`.
 * Explanatory, not guaranteed to re-parse to the same tree.
 */
export function formatFilter(expr: FilterExpr): string {
  return format(expr, 0);
}

// 0: top level / OR operand, 1: AND operand, 2: NOT operand.
function format(expr: FilterExpr, level: number): string {
  switch (expr.kind) {
    case 'and': {
      if (expr.children.length === 0) return '*';
      const text = expr.children.map((c) => format(c, 1)).join(' AND ');
      return level > 1 && expr.children.length > 1 ? `(${text})` : text;
    }
    case 'or': {
      const text = expr.children.map((c) => format(c, 0)).join(' OR ');
      return level > 0 ? `(${text})` : text;
    }
    case 'not':
      return `NOT ${format(expr.child, 2)}`;
    case 'flag':
      return `is:${expr.flag}`;
    case 'exists':
      return `tag:${quote(expr.field.kind === 'tag' || expr.field.kind === 'key' ? expr.field.key : fieldName(expr.field))}`;
    case 'text':
      return quote(expr.text);
    case 'compare': {
      const name = fieldName(expr.field);
      if (expr.number !== undefined) return `${name}${expr.op}${expr.value}`;
      const values = expr.glob || expr.op === '~' ? [expr.value] : expr.values;
      const written = values.map(quote);
      return written.length === 1
        ? `${name}${expr.op}${written[0]}`
        : `${name}${expr.op}(${written.join(' OR ')})`;
    }
  }
}

function quote(text: string): string {
  return /^[^\s()"'=!:<>~]+$/.test(text) ? text : `"${text.replace(/["\\]/g, '\\$&')}"`;
}
