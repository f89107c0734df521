import type { SimClock } from '../../core/clock.ts';
import type { AzureEstate } from '../estate.ts';
import type { Expr, KqlQuery, Operand } from './kql.ts';
import { containerRows, DEFAULT_COLUMNS, resourceRow, walk, type Row } from './rows.ts';

function evalOperand(row: Row, o: Operand): unknown {
  switch (o.kind) {
    case 'literal':
      return o.value;
    case 'path':
      return walk(row, o.path);
    case 'call': {
      const v = evalOperand(row, o.arg);
      switch (o.fn) {
        case 'isempty':
          return v === null || v === undefined || v === '';
        case 'isnotempty':
          return !(v === null || v === undefined || v === '');
        case 'isnull':
          return v === null || v === undefined;
        case 'isnotnull':
          return !(v === null || v === undefined);
        case 'tolower':
          return v === null ? null : toText(v).toLowerCase();
        case 'toupper':
          return v === null ? null : toText(v).toUpperCase();
        case 'strlen':
          return toText(v).length;
        default:
          return v === null ? null : toText(v);
      }
    }
  }
}

function toText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function compare(op: string, left: unknown, right: unknown): boolean {
  const l = toText(left);
  const values = Array.isArray(right) ? right : [right];
  const r = toText(right);
  switch (op) {
    case '==':
      return typeof right === 'number'
        ? Number(left) === right
        : typeof right === 'boolean'
          ? left === right
          : l === r;
    case '!=':
      return !compare('==', left, right);
    case '=~':
      return l.toLowerCase() === r.toLowerCase();
    case '!~':
      return l.toLowerCase() !== r.toLowerCase();
    case 'in':
      return values.some((v) => toText(v) === l);
    case 'in~':
      return values.some((v) => toText(v).toLowerCase() === l.toLowerCase());
    case '!in':
      return !values.some((v) => toText(v) === l);
    case '!in~':
      return !values.some((v) => toText(v).toLowerCase() === l.toLowerCase());
    case 'contains':
    case 'has':
      return l.toLowerCase().includes(r.toLowerCase());
    case 'contains_cs':
    case 'has_cs':
      return l.includes(r);
    case '!contains':
    case '!has':
      return !l.toLowerCase().includes(r.toLowerCase());
    case 'startswith':
      return l.toLowerCase().startsWith(r.toLowerCase());
    case '!startswith':
      return !l.toLowerCase().startsWith(r.toLowerCase());
    case 'endswith':
      return l.toLowerCase().endsWith(r.toLowerCase());
    case '!endswith':
      return !l.toLowerCase().endsWith(r.toLowerCase());
    case '<':
      return Number(left) < Number(right);
    case '>':
      return Number(left) > Number(right);
    case '<=':
      return Number(left) <= Number(right);
    case '>=':
      return Number(left) >= Number(right);
    default:
      return false;
  }
}

function test(row: Row, e: Expr): boolean {
  switch (e.kind) {
    case 'and':
      return test(row, e.left) && test(row, e.right);
    case 'or':
      return test(row, e.left) || test(row, e.right);
    case 'not':
      return !test(row, e.expr);
    case 'truthy':
      return evalOperand(row, e.operand) === true;
    case 'compare':
      return compare(e.op, evalOperand(row, e.left), e.right);
  }
}

/** A fast path for the common `type in~ (…)` / `type =~ '…'` so big estates skip other types early. */
function typePrefilter(query: KqlQuery): Set<string> | undefined {
  const first = query.stages[0];
  if (!first || first.kind !== 'where') return undefined;
  let e: Expr = first.expr;
  while (e.kind === 'and') e = e.left;
  if (
    e.kind !== 'compare' ||
    e.left.kind !== 'path' ||
    e.left.path.length !== 1 ||
    String(e.left.path[0]).toLowerCase() !== 'type'
  )
    return undefined;
  if (e.op === 'in~' || e.op === 'in' || e.op === '=~' || e.op === '==') {
    const values = Array.isArray(e.right) ? e.right : [e.right];
    return new Set(values.map((v) => toText(v).toLowerCase()));
  }
  return undefined;
}

export interface Evaluated {
  columns: string[];
  rows: Row[];
}

/** Runs a parsed query over the subscriptions in scope, in the estate's stable order. */
export function evaluate(
  az: AzureEstate,
  clock: SimClock,
  query: KqlQuery,
  subscriptions: ReadonlySet<string>,
): Evaluated {
  let rows: Row[];
  if (query.table === 'resourcecontainers') rows = containerRows(az, subscriptions);
  else {
    const types = typePrefilter(query);
    rows = [];
    for (const [type, list] of az.byType) {
      if (types && !types.has(type)) continue;
      for (const r of list) if (subscriptions.has(r.subscriptionId)) rows.push(resourceRow(az, r, clock));
    }
  }
  let columns = [...DEFAULT_COLUMNS];
  for (const stage of query.stages) {
    switch (stage.kind) {
      case 'where':
        rows = rows.filter((row) => test(row, stage.expr));
        break;
      case 'extend':
        for (const row of rows)
          for (const c of stage.columns) row.columns[c.name] = evalOperand(row, c.operand);
        for (const c of stage.columns) if (!columns.includes(c.name)) columns.push(c.name);
        break;
      case 'project':
        // Lazy, so that paging a big result renders only the rows of the page.
        rows = rows.map((row) => ({
          columns: {},
          lazy: () => Object.fromEntries(stage.columns.map((c) => [c.name, evalOperand(row, c.operand)])),
        }));
        columns = stage.columns.map((c) => c.name);
        break;
      case 'order': {
        const keyed = rows.map((row) => ({ row, keys: stage.keys.map((k) => evalOperand(row, k.operand)) }));
        keyed.sort((a, b) => {
          for (let i = 0; i < stage.keys.length; i++) {
            const x = a.keys[i];
            const y = b.keys[i];
            const c =
              typeof x === 'number' && typeof y === 'number' ? x - y : toText(x).localeCompare(toText(y));
            if (c !== 0) return stage.keys[i]!.desc ? -c : c;
          }
          return 0;
        });
        rows = keyed.map((k) => k.row);
        break;
      }
      case 'limit':
        rows = rows.slice(0, Math.max(0, stage.count));
        break;
      case 'count':
        rows = [{ columns: { Count: rows.length } }];
        columns = ['Count'];
        break;
      case 'summarize': {
        const groups = new Map<string, { values: unknown[]; count: number }>();
        for (const row of rows) {
          const values = stage.by.map((b) => evalOperand(row, b.operand));
          const key = JSON.stringify(values);
          const g = groups.get(key);
          if (g) g.count++;
          else groups.set(key, { values, count: 1 });
        }
        rows = [...groups.values()].map((g) => ({
          columns: { ...Object.fromEntries(stage.by.map((b, i) => [b.name, g.values[i]])), count_: g.count },
        }));
        columns = [...stage.by.map((b) => b.name), 'count_'];
        break;
      }
    }
  }
  return { columns, rows };
}
