import { PART_ARGUMENT } from './sql-functions.ts';
import { AGGREGATES, columnPath, evaluate, hasAggregate, resolveColumn, type EvalEnv } from './sql-eval.ts';
import { queryError } from './sql-lexer.ts';
import type { Expr, Query } from './sql-parser.ts';
import { sortValues, type Row, type Value } from './values.ts';

export interface ResultField {
  name: string;
  type: string;
}

export interface QueryResult {
  fields: ResultField[];
  rows: Value[][];
}

export interface ExecuteInput {
  query: Query;
  rows: readonly Row[];
  /** Names the table goes by in column paths (alias, table id). */
  qualifiers: Set<string>;
  params: ReadonlyMap<string, { value: Value; type: string }>;
  now: number;
}

const DATE_FUNCS = new Set(['DATE', 'DATE_SUB', 'DATE_ADD', 'DATE_TRUNC', 'CURRENT_DATE', 'PARSE_DATE']);
const TIMESTAMP_FUNCS = new Set([
  'TIMESTAMP',
  'TIMESTAMP_SUB',
  'TIMESTAMP_ADD',
  'TIMESTAMP_TRUNC',
  'CURRENT_TIMESTAMP',
]);
const STRING_FUNCS = new Set(['FORMAT_DATE', 'FORMAT_TIMESTAMP', 'LOWER', 'UPPER', 'CONCAT', 'SUBSTR']);
const CAST_TYPES: Readonly<Record<string, string>> = {
  STRING: 'STRING',
  FLOAT64: 'FLOAT',
  NUMERIC: 'NUMERIC',
  BIGNUMERIC: 'BIGNUMERIC',
  INT64: 'INTEGER',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP',
  BOOL: 'BOOLEAN',
};

/** Checks every column reference against the export's schema (select aliases allowed where given). */
function checkColumns(e: Expr, qualifiers: ReadonlySet<string>, aliases: ReadonlySet<string>): void {
  switch (e.k) {
    case 'col':
      if (e.path.length === 1 && aliases.has(e.path[0]!)) return;
      resolveColumn(columnPath(e.path, qualifiers), e.pos);
      return;
    case 'call':
      e.args.forEach((a, i) => {
        if (!(i === PART_ARGUMENT[e.name] && a.k === 'col')) checkColumns(a, qualifiers, aliases);
      });
      return;
    case 'bin':
      checkColumns(e.l, qualifiers, aliases);
      checkColumns(e.r, qualifiers, aliases);
      return;
    case 'between':
      [e.e, e.lo, e.hi].forEach((x) => checkColumns(x, qualifiers, aliases));
      return;
    case 'in':
      [e.e, ...e.list, ...(e.unnest ? [e.unnest] : [])].forEach((x) => checkColumns(x, qualifiers, aliases));
      return;
    case 'like':
      checkColumns(e.e, qualifiers, aliases);
      checkColumns(e.pattern, qualifiers, aliases);
      return;
    case 'case':
      [
        ...(e.subject ? [e.subject] : []),
        ...e.whens.flatMap((w) => [w.when, w.then]),
        ...(e.otherwise ? [e.otherwise] : []),
      ].forEach((x) => checkColumns(x, qualifiers, aliases));
      return;
    case 'not':
    case 'neg':
    case 'isnull':
    case 'cast':
    case 'extract':
    case 'interval':
      checkColumns(e.e, qualifiers, aliases);
      return;
    default:
      return;
  }
}

/** BigQuery's result type of an expression. */
function typeOf(e: Expr, input: ExecuteInput): string {
  switch (e.k) {
    case 'lit':
      return typeof e.v === 'string'
        ? 'STRING'
        : typeof e.v === 'boolean'
          ? 'BOOLEAN'
          : typeof e.v === 'number'
            ? Number.isInteger(e.v)
              ? 'INTEGER'
              : 'FLOAT'
            : 'INTEGER';
    case 'typed':
      return e.type;
    case 'param':
      return input.params.get(e.name)?.type ?? 'STRING';
    case 'col': {
      const node = resolveColumn(columnPath(e.path, input.qualifiers), e.pos);
      return node.type;
    }
    case 'call': {
      if (e.name === 'COUNT' || e.name === 'COUNTIF') return 'INTEGER';
      if (e.name === 'AVG' || e.name === 'ROUND' || e.name === 'SAFE_DIVIDE') return 'FLOAT';
      if (e.name === 'DATE_DIFF' || e.name === 'TIMESTAMP_DIFF') return 'INTEGER';
      if (DATE_FUNCS.has(e.name)) return 'DATE';
      if (TIMESTAMP_FUNCS.has(e.name)) return 'TIMESTAMP';
      if (STRING_FUNCS.has(e.name)) return 'STRING';
      if (AGGREGATES.has(e.name) || e.name === 'ABS') return e.args[0] ? typeOf(e.args[0], input) : 'INTEGER';
      const typed = e.args.filter((a) => !(a.k === 'lit' && a.v === null) && a.k !== 'subquery');
      const types = (e.name === 'IF' ? typed.slice(1) : typed).map((a) => typeOf(a, input));
      return types.includes('FLOAT') ? 'FLOAT' : (types[0] ?? 'FLOAT');
    }
    case 'bin':
      if (['AND', 'OR', '=', '!=', '<', '<=', '>', '>='].includes(e.op)) return 'BOOLEAN';
      if (e.op === '||') return 'STRING';
      if (e.op === '/') return 'FLOAT';
      return typeOf(e.l, input) === 'FLOAT' || typeOf(e.r, input) === 'FLOAT' ? 'FLOAT' : 'INTEGER';
    case 'neg':
      return typeOf(e.e, input);
    case 'cast':
      return CAST_TYPES[e.type] ?? 'STRING';
    case 'extract':
      return 'INTEGER';
    case 'case':
      return typeOf(e.whens[0]!.then, input);
    case 'subquery':
      return 'FLOAT';
    default:
      return 'BOOLEAN';
  }
}

function outputName(e: Expr, alias: string | undefined, index: number): string {
  if (alias) return alias;
  if (e.k === 'col') return e.path[e.path.length - 1]!;
  return `f${index}_`;
}

/** Runs a parsed SELECT over the export rows: WHERE, GROUP BY, HAVING, SELECT, DISTINCT, ORDER BY, LIMIT. */
export function executeQuery(input: ExecuteInput): QueryResult {
  const { query } = input;
  if (query.select.some((s) => s.star))
    throw queryError(
      'SELECT * over the billing export is not supported here; name the columns',
      query.from.pos,
    );
  const aliases = new Set(query.select.map((s) => s.alias).filter((a): a is string => !!a));
  for (const item of query.select) checkColumns(item.expr, input.qualifiers, new Set());
  if (query.where) {
    checkColumns(query.where, input.qualifiers, new Set());
    if (hasAggregate(query.where))
      throw queryError('Aggregate function not allowed in WHERE clause', query.from.pos);
  }
  for (const e of [
    ...query.groupBy,
    ...(query.having ? [query.having] : []),
    ...query.orderBy.map((o) => o.expr),
  ])
    checkColumns(e, input.qualifiers, aliases);

  const params = new Map([...input.params].map(([k, v]) => [k, v.value]));
  const base: Omit<EvalEnv, 'row'> = { params, qualifiers: input.qualifiers, now: input.now };
  const filtered = query.where
    ? input.rows.filter((row) => evaluate(query.where!, { ...base, row }) === true)
    : [...input.rows];

  // Resolve GROUP BY / ORDER BY references to select items: positions (1-based) and aliases.
  const selectExprFor = (e: Expr): Expr => {
    if (e.k === 'lit' && typeof e.v === 'number' && Number.isInteger(e.v)) {
      const item = query.select[e.v - 1];
      if (!item) throw queryError(`Ordinal ${e.v} out of range`, query.from.pos);
      return item.expr;
    }
    if (e.k === 'col' && e.path.length === 1) {
      const item = query.select.find((s) => s.alias === e.path[0]);
      if (item) return item.expr;
    }
    return e;
  };
  const groupExprs = query.groupBy.map(selectExprFor);
  const grouped =
    groupExprs.length > 0 ||
    query.select.some((s) => hasAggregate(s.expr)) ||
    (query.having !== undefined && hasAggregate(query.having));

  let envs: EvalEnv[];
  if (grouped) {
    const groups = new Map<string, Row[]>();
    for (const row of filtered) {
      const key = JSON.stringify(groupExprs.map((g) => evaluate(g, { ...base, row })));
      const list = groups.get(key);
      if (list) list.push(row);
      else groups.set(key, [row]);
    }
    if (groups.size === 0 && groupExprs.length === 0) groups.set('[]', []);
    envs = [...groups.values()].map((group) => ({ ...base, row: undefined, group }));
    if (query.having) envs = envs.filter((env) => evaluate(selectExprFor(query.having!), env) === true);
  } else {
    envs = filtered.map((row) => ({ ...base, row }));
  }

  let out = envs.map((env) => ({ env, values: query.select.map((s) => evaluate(s.expr, env)) }));
  if (query.distinct) out = [...new Map(out.map((o) => [JSON.stringify(o.values), o])).values()];
  if (query.orderBy.length) {
    const keys = query.orderBy.map((o) => {
      const index = query.select.findIndex((s, i) => {
        const resolved = selectExprFor(o.expr);
        return (
          resolved === s.expr ||
          JSON.stringify(resolved) === JSON.stringify(s.expr) ||
          (o.expr.k === 'col' &&
            o.expr.path.length === 1 &&
            outputName(s.expr, s.alias, i) === o.expr.path[0])
        );
      });
      return { index, expr: o.expr, desc: o.desc };
    });
    const sortKeys = out.map((o) =>
      keys.map((k) => (k.index >= 0 ? o.values[k.index]! : evaluate(k.expr, o.env))),
    );
    const order = out
      .map((_, i) => i)
      .sort((a, b) => {
        for (let k = 0; k < keys.length; k++) {
          const c = sortValues(sortKeys[a]![k]!, sortKeys[b]![k]!);
          if (c !== 0) return keys[k]!.desc ? -c : c;
        }
        return a - b;
      });
    out = order.map((i) => out[i]!);
  }
  const start = query.offset ?? 0;
  const rows = out
    .slice(start, query.limit === undefined ? undefined : start + query.limit)
    .map((o) => o.values);
  const fields = query.select.map((s, i) => ({
    name: outputName(s.expr, s.alias, i),
    type: typeOf(s.expr, input),
  }));
  return { fields, rows };
}
