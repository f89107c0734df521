import { invalidField } from '../errors.ts';

/** A compiled Compute Engine list filter: a predicate over an item's JSON. */
export type ItemFilter = (item: Record<string, unknown>) => boolean;

type Token = { kind: 'word' | 'string' | 'op' | 'open' | 'close'; text: string };

const OPS = ['!=', '<=', '>=', '=', '<', '>', ':'] as const;

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'open' : 'close', text: c });
      i++;
    } else if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return undefined;
      tokens.push({ kind: 'string', text: text.slice(i + 1, end) });
      i = end + 1;
    } else {
      const op = OPS.find((o) => text.startsWith(o, i));
      if (op) {
        tokens.push({ kind: 'op', text: op });
        i += op.length;
        continue;
      }
      let j = i;
      while (j < text.length && !/[\s()"'!<>=:]/.test(text[j]!)) j++;
      if (j === i) return undefined;
      tokens.push({ kind: 'word', text: text.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

/** Values at a dotted path; arrays along the way fan out (any element may match). */
function valuesAt(item: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return Array.isArray(item) ? item : [item];
  if (Array.isArray(item)) return item.flatMap((el) => valuesAt(el, path));
  if (item === null || typeof item !== 'object') return [];
  const next = (item as Record<string, unknown>)[path[0]!];
  return next === undefined ? [] : valuesAt(next, path.slice(1));
}

/** Compares like Compute does: by number when both sides are numbers, else as text; URLs match by last segment too. */
function compare(actual: unknown, op: string, expected: string): boolean {
  if (actual === null || typeof actual === 'object') return false;
  const text = String(actual);
  if (op === ':') return expected === '*' || text.includes(expected);
  const a = Number(text);
  const b = Number(expected);
  const numeric = text !== '' && expected !== '' && Number.isFinite(a) && Number.isFinite(b);
  const equal = text === expected || (text.includes('/') && text.split('/').pop() === expected);
  switch (op) {
    case '=':
      return equal;
    case '!=':
      return !equal;
    case '<':
      return numeric ? a < b : text < expected;
    case '<=':
      return numeric ? a <= b : text <= expected;
    case '>':
      return numeric ? a > b : text > expected;
    default:
      return numeric ? a >= b : text >= expected;
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): ItemFilter | undefined {
    const expr = this.expr();
    return expr && this.pos === this.tokens.length ? expr : undefined;
  }

  private expr(): ItemFilter | undefined {
    let left = this.term();
    if (!left) return undefined;
    while (this.pos < this.tokens.length && this.tokens[this.pos]!.kind !== 'close') {
      const word = this.tokens[this.pos]!;
      let or = false;
      if (word.kind === 'word' && (word.text === 'AND' || word.text === 'OR')) {
        or = word.text === 'OR';
        this.pos++;
      }
      const right = this.term();
      if (!right) return undefined;
      const l: ItemFilter = left;
      left = or ? (item) => l(item) || right(item) : (item) => l(item) && right(item);
    }
    return left;
  }

  private term(): ItemFilter | undefined {
    const t = this.tokens[this.pos];
    if (!t) return undefined;
    if (t.kind === 'open') {
      this.pos++;
      const inner = this.expr();
      if (!inner || this.tokens[this.pos]?.kind !== 'close') return undefined;
      this.pos++;
      return inner;
    }
    if (t.kind === 'word' && t.text === 'NOT') {
      this.pos++;
      const inner = this.term();
      return inner ? (item) => !inner(item) : undefined;
    }
    if (t.kind !== 'word') return undefined;
    const path = t.text.split('.');
    const op = this.tokens[this.pos + 1];
    const value = this.tokens[this.pos + 2];
    if (!op || !value || (value.kind !== 'word' && value.kind !== 'string')) return undefined;
    this.pos += 3;
    if (op.kind === 'word' && (op.text === 'eq' || op.text === 'ne')) {
      let regex: RegExp;
      try {
        regex = new RegExp(`^(?:${value.text})$`);
      } catch {
        return undefined;
      }
      const negate = op.text === 'ne';
      return (item) =>
        valuesAt(item, path).some((v) => typeof v !== 'object' && regex.test(String(v))) !== negate;
    }
    if (op.kind !== 'op') return undefined;
    if (op.text === '!=') return (item) => !valuesAt(item, path).some((v) => compare(v, '=', value.text));
    return (item) => valuesAt(item, path).some((v) => compare(v, op.text, value.text));
  }
}

/**
 * Compiles a Compute Engine `filter`: `status = RUNNING`, `name != web-1`, `labels.env = prod`,
 * `(status = RUNNING) (zone : us-central1)`, `… AND/OR …`, `name eq 'web-.*'`. Anything else is
 * Google's 400 "Invalid list filter expression".
 */
export function compileFilter(text: string | null): ItemFilter | undefined {
  if (text === null || text.trim() === '') return undefined;
  const tokens = tokenize(text);
  const filter = tokens && new Parser(tokens).parse();
  if (!filter) throw invalidField('filter', text, 'Invalid list filter expression.');
  return filter;
}
