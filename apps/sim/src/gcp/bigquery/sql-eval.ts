import { BILLING_SCHEMA, PSEUDO_COLUMNS, type SchemaNode } from './billing-table.ts';
import { callScalar, PART_ARGUMENT } from './sql-functions.ts';
import { queryError } from './sql-lexer.ts';
import type { Expr, Pos } from './sql-parser.ts';
import {
  compareValues,
  parseDate,
  parseTimestamp,
  SqlDate,
  SqlInterval,
  SqlTimestamp,
  type Row,
  type Value,
} from './values.ts';

export const AGGREGATES = new Set(['SUM', 'COUNT', 'AVG', 'MIN', 'MAX', 'ANY_VALUE', 'COUNTIF']);

/** Where an expression is evaluated: one row, or a group of rows (aggregates see them all). */
export interface EvalEnv {
  row: Row | undefined;
  group?: Row[] | undefined;
  params: ReadonlyMap<string, Value>;
  /** Names that refer to the table itself (`t.cost`, `billing.cost`). */
  qualifiers: ReadonlySet<string>;
  now: number;
}

/** Strips a table qualifier from a column path. */
export function columnPath(path: readonly string[], qualifiers: ReadonlySet<string>): string[] {
  return path.length > 1 && qualifiers.has(path[0]!) ? path.slice(1) : [...path];
}

/** The schema node a column path names, or BigQuery's "Unrecognized name". */
export function resolveColumn(path: readonly string[], pos: Pos): SchemaNode {
  let node: SchemaNode | undefined = BILLING_SCHEMA[path[0]!] ?? PSEUDO_COLUMNS[path[0]!];
  if (!node) throw queryError(`Unrecognized name: ${path[0]}`, pos);
  for (const part of path.slice(1)) {
    const next: SchemaNode | undefined = node.fields?.[part];
    if (!next)
      throw queryError(
        `Field name ${part} does not exist in ${node.type === 'RECORD' ? 'STRUCT' : node.type}`,
        pos,
      );
    node = next;
  }
  return node;
}

function truthy(v: Value): boolean {
  return v === true;
}

function arithmetic(op: string, x: Value, y: Value, pos: Pos): Value {
  if (x === null || y === null) return null;
  if (op === '||') return `${String(x)}${String(y)}`;
  if (typeof x !== 'number' || typeof y !== 'number')
    throw queryError(`No matching signature for operator ${op} for argument types`, pos);
  if (op === '+') return x + y;
  if (op === '-') return x - y;
  if (op === '*') return x * y;
  if (y === 0) throw queryError('division by zero', pos);
  return x / y;
}

function like(text: string, pattern: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+?^${}()|[\]\\*]/g, '\\$&')
      .replace(/%/g, '.*')
      .replace(/_/g, '.')}$`,
    's',
  );
  return re.test(text);
}

function cast(v: Value, type: string, safe: boolean, pos: Pos): Value {
  if (v === null) return null;
  const fail = (): Value => {
    if (safe) return null;
    throw queryError(`Bad ${type} value: ${String(v)}`, pos);
  };
  switch (type) {
    case 'STRING':
      return v instanceof SqlDate
        ? v.iso
        : v instanceof SqlTimestamp
          ? new Date(v.ms).toISOString().replace('T', ' ').replace('.000Z', '+00')
          : String(v);
    case 'FLOAT64':
    case 'NUMERIC':
    case 'BIGNUMERIC': {
      const n = Number(v);
      return Number.isFinite(n) ? n : fail();
    }
    case 'INT64': {
      const n = Number(v);
      return Number.isFinite(n) ? Math.round(n) : fail();
    }
    case 'DATE':
      return v instanceof SqlDate
        ? v
        : v instanceof SqlTimestamp
          ? new SqlDate(new Date(v.ms).toISOString().slice(0, 10))
          : (parseDate(String(v)) ?? fail());
    case 'TIMESTAMP': {
      if (v instanceof SqlTimestamp) return v;
      if (v instanceof SqlDate) return new SqlTimestamp(v.ms);
      const ms = parseTimestamp(String(v));
      return ms === undefined ? fail() : new SqlTimestamp(ms);
    }
    case 'BOOL':
      return v === true || v === 'true' ? true : v === false || v === 'false' ? false : fail();
    default:
      throw queryError(`Unsupported CAST target type ${type}`, pos);
  }
}

function aggregate(e: Extract<Expr, { k: 'call' }>, env: EvalEnv): Value {
  if (!env.group) throw queryError(`Aggregate function ${e.name} not allowed in this clause`, e.pos);
  const rows = env.group;
  if (e.name === 'COUNT' && e.star) return rows.length;
  let values = rows.map((row) => evaluate(e.args[0]!, { ...env, row, group: undefined }));
  if (e.name === 'COUNTIF') return values.filter((v) => v === true).length;
  values = values.filter((v) => v !== null);
  if (e.distinct) values = [...new Map(values.map((v) => [JSON.stringify(v), v])).values()];
  switch (e.name) {
    case 'COUNT':
      return values.length;
    case 'SUM':
      return values.length ? values.reduce<number>((s, v) => s + Number(v), 0) : null;
    case 'AVG':
      return values.length ? values.reduce<number>((s, v) => s + Number(v), 0) / values.length : null;
    case 'MIN':
    case 'MAX':
      return values.reduce<Value>(
        (best, v) =>
          best === null || (compareValues(v, best) ?? 0) * (e.name === 'MIN' ? -1 : 1) > 0 ? v : best,
        null,
      );
    default:
      return values[0] ?? null;
  }
}

/** Evaluates an expression; an aggregate needs a group, a column a row. */
export function evaluate(e: Expr, env: EvalEnv): Value {
  switch (e.k) {
    case 'lit':
      return e.v;
    case 'typed':
      if (e.type === 'DATE') {
        const d = parseDate(e.text);
        if (!d) throw queryError(`Invalid DATE literal: ${e.text}`, e.pos);
        return d;
      } else {
        const ms = parseTimestamp(e.text);
        if (ms === undefined) throw queryError(`Invalid TIMESTAMP literal: ${e.text}`, e.pos);
        return new SqlTimestamp(ms);
      }
    case 'param': {
      if (!env.params.has(e.name)) throw queryError(`Query parameter '${e.name}' not found`, e.pos);
      return env.params.get(e.name)!;
    }
    case 'col': {
      const row = env.row ?? env.group?.[0];
      if (!row) return null;
      let v: Value = row;
      for (const part of columnPath(e.path, env.qualifiers))
        v =
          v &&
          typeof v === 'object' &&
          !Array.isArray(v) &&
          !(v instanceof SqlDate) &&
          !(v instanceof SqlTimestamp) &&
          !(v instanceof SqlInterval)
            ? ((v as Row)[part] ?? null)
            : null;
      return v;
    }
    case 'call': {
      if (AGGREGATES.has(e.name)) return aggregate(e, env);
      const partIndex = PART_ARGUMENT[e.name];
      const parts: string[] = [];
      const args: Value[] = [];
      e.args.forEach((arg, i) => {
        if (i === partIndex && arg.k === 'col' && arg.path.length === 1)
          parts.push(arg.path[0]!.toUpperCase());
        else args.push(evaluate(arg, env));
      });
      return callScalar(e.name, args, parts, env.now, e.pos);
    }
    case 'bin': {
      if (e.op === 'AND') {
        const l = evaluate(e.l, env);
        if (l === false) return false;
        const r = evaluate(e.r, env);
        return l === null || r === null ? (r === false ? false : null) : truthy(l) && truthy(r);
      }
      if (e.op === 'OR') {
        const l = evaluate(e.l, env);
        if (l === true) return true;
        const r = evaluate(e.r, env);
        return r === true ? true : l === null || r === null ? null : false;
      }
      const l = evaluate(e.l, env);
      const r = evaluate(e.r, env);
      if (['=', '!=', '<', '<=', '>', '>='].includes(e.op)) {
        const c = compareValues(l, r);
        if (c === null) return null;
        return e.op === '='
          ? c === 0
          : e.op === '!='
            ? c !== 0
            : e.op === '<'
              ? c < 0
              : e.op === '<='
                ? c <= 0
                : e.op === '>'
                  ? c > 0
                  : c >= 0;
      }
      return arithmetic(e.op, l, r, { line: 1, col: 1 });
    }
    case 'not': {
      const v = evaluate(e.e, env);
      return v === null ? null : !truthy(v);
    }
    case 'neg': {
      const v = evaluate(e.e, env);
      return v === null ? null : -Number(v);
    }
    case 'isnull':
      return (evaluate(e.e, env) === null) !== e.not;
    case 'between': {
      const v = evaluate(e.e, env);
      const lo = compareValues(v, evaluate(e.lo, env));
      const hi = compareValues(v, evaluate(e.hi, env));
      if (lo === null || hi === null) return null;
      return (lo >= 0 && hi <= 0) !== e.not;
    }
    case 'in': {
      const v = evaluate(e.e, env);
      if (v === null) return null;
      const list = e.unnest ? evaluate(e.unnest, env) : e.list.map((x) => evaluate(x, env));
      const found = Array.isArray(list) && list.some((x) => compareValues(v, x) === 0);
      return found !== e.not;
    }
    case 'like': {
      const v = evaluate(e.e, env);
      const p = evaluate(e.pattern, env);
      return v === null || p === null ? null : like(String(v), String(p)) !== e.not;
    }
    case 'cast':
      return cast(evaluate(e.e, env), e.type, e.safe, { line: 1, col: 1 });
    case 'extract': {
      const v = evaluate(e.e, env);
      if (v === null) return null;
      const ms =
        v instanceof SqlDate || v instanceof SqlTimestamp ? v.ms : (parseTimestamp(String(v)) ?? NaN);
      const d = new Date(ms);
      const parts: Record<string, number> = {
        YEAR: d.getUTCFullYear(),
        MONTH: d.getUTCMonth() + 1,
        DAY: d.getUTCDate(),
        DAYOFWEEK: d.getUTCDay() + 1,
        HOUR: d.getUTCHours(),
        QUARTER: Math.floor(d.getUTCMonth() / 3) + 1,
      };
      return parts[e.part] ?? null;
    }
    case 'interval': {
      const n = evaluate(e.e, env);
      return new SqlInterval(Number(n), e.unit);
    }
    case 'case': {
      const subject = e.subject ? evaluate(e.subject, env) : undefined;
      for (const w of e.whens) {
        const hit =
          subject === undefined
            ? truthy(evaluate(w.when, env))
            : compareValues(subject, evaluate(w.when, env)) === 0;
        if (hit) return evaluate(w.then, env);
      }
      return e.otherwise ? evaluate(e.otherwise, env) : null;
    }
    case 'subquery':
      // The only scalar subquery billing queries use sums credits; this export has none.
      return null;
  }
}

/** Whether an expression contains an aggregate call. */
export function hasAggregate(e: Expr): boolean {
  switch (e.k) {
    case 'call':
      return AGGREGATES.has(e.name) || e.args.some(hasAggregate);
    case 'bin':
      return hasAggregate(e.l) || hasAggregate(e.r);
    case 'not':
    case 'neg':
    case 'isnull':
    case 'cast':
    case 'extract':
    case 'interval':
      return hasAggregate(e.e);
    case 'between':
      return hasAggregate(e.e) || hasAggregate(e.lo) || hasAggregate(e.hi);
    case 'in':
      return hasAggregate(e.e) || e.list.some(hasAggregate);
    case 'like':
      return hasAggregate(e.e) || hasAggregate(e.pattern);
    case 'case':
      return (
        (e.subject ? hasAggregate(e.subject) : false) ||
        e.whens.some((w) => hasAggregate(w.when) || hasAggregate(w.then)) ||
        (e.otherwise ? hasAggregate(e.otherwise) : false)
      );
    default:
      return false;
  }
}
