import type { SimClock } from '../../core/clock.ts';
import type { AzureEstate } from '../estate.ts';
import type { AnyResource } from '../records.ts';
import { T } from '../records.ts';
import { renderInstanceView } from '../render/compute.ts';
import { renderResource, renderSubscription } from '../render/resources.ts';
import type { Expr, KqlQuery, Operand, Path } from './kql.ts';

/** The columns Resource Graph returns when a query projects nothing. */
export const DEFAULT_COLUMNS = [
  'id',
  'name',
  'type',
  'tenantId',
  'kind',
  'location',
  'resourceGroup',
  'subscriptionId',
  'managedBy',
  'sku',
  'plan',
  'properties',
  'tags',
  'identity',
  'zones',
  'extendedLocation',
];

/** One row: cheap columns up front, the rendered resource (properties, sku, …) on first use. */
export interface Row {
  columns: Record<string, unknown>;
  lazy?: () => Record<string, unknown>;
}

function resourceRow(az: AzureEstate, r: AnyResource, clock: SimClock): Row {
  const row: Row = {
    columns: {
      id: r.id,
      name: r.name,
      type: r.type.toLowerCase(),
      tenantId: az.tenantId,
      location: r.location,
      resourceGroup: r.resourceGroup.toLowerCase(),
      subscriptionId: r.subscriptionId,
      tags: r.tags,
      plan: null,
      extendedLocation: null,
    },
  };
  row.lazy = () => {
    const full = renderResource(az, r, clock);
    const properties = (full['properties'] ?? {}) as Record<string, unknown>;
    if (r.type === T.vm) {
      const view = renderInstanceView(az, r, clock) as {
        statuses: { code: string; displayStatus: string }[];
      };
      const power = view.statuses.find((s) => s.code.startsWith('PowerState/'));
      properties['extended'] = {
        instanceView: {
          powerState: power
            ? { code: power.code, level: 'Info', displayStatus: power.displayStatus }
            : undefined,
        },
      };
    }
    return {
      kind: full['kind'] ?? '',
      managedBy: full['managedBy'] ?? '',
      sku: full['sku'] ?? null,
      properties,
      identity: full['identity'] ?? null,
      zones: full['zones'] ?? null,
    };
  };
  return row;
}

function containerRows(az: AzureEstate, subscriptions: ReadonlySet<string>): Row[] {
  const rows: Row[] = [];
  for (const s of az.subscriptions) {
    if (!subscriptions.has(s.subscriptionId)) continue;
    const rendered = renderSubscription(s);
    rows.push({
      columns: {
        id: rendered['id'],
        name: s.displayName,
        type: 'microsoft.resources/subscriptions',
        tenantId: s.tenantId,
        kind: '',
        location: '',
        resourceGroup: '',
        subscriptionId: s.subscriptionId,
        managedBy: '',
        sku: null,
        plan: null,
        properties: { state: 'Enabled', subscriptionPolicies: rendered['subscriptionPolicies'] },
        tags: {},
        identity: null,
        zones: null,
        extendedLocation: null,
      },
    });
  }
  for (const g of az.resourceGroups) {
    if (!subscriptions.has(g.subscriptionId)) continue;
    rows.push({
      columns: {
        id: g.id,
        name: g.name,
        type: 'microsoft.resources/subscriptions/resourcegroups',
        tenantId: az.tenantId,
        kind: '',
        location: g.location,
        resourceGroup: g.name.toLowerCase(),
        subscriptionId: g.subscriptionId,
        managedBy: '',
        sku: null,
        plan: null,
        properties: { provisioningState: 'Succeeded' },
        tags: g.tags,
        identity: null,
        zones: null,
        extendedLocation: null,
      },
    });
  }
  return rows;
}

function column(row: Row, name: string): unknown {
  if (name in row.columns) return row.columns[name];
  const key = Object.keys(row.columns).find((k) => k.toLowerCase() === name.toLowerCase());
  if (key !== undefined) return row.columns[key];
  if (row.lazy) {
    Object.assign(row.columns, row.lazy());
    row.lazy = undefined;
    return column(row, name);
  }
  return null;
}

function walk(row: Row, path: Path): unknown {
  let value: unknown = column(row, String(path[0]));
  for (const seg of path.slice(1)) {
    if (value === null || value === undefined) return null;
    if (typeof seg === 'number') value = Array.isArray(value) ? value[seg] : null;
    else if (typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      // Property names are case-insensitive in Resource Graph's dynamic columns.
      value =
        seg in obj
          ? obj[seg]
          : obj[Object.keys(obj).find((k) => k.toLowerCase() === seg.toLowerCase()) ?? ''];
    } else return null;
  }
  return value ?? null;
}

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

/** The row's values for `columns`, rendering lazily only for the rows actually returned. */
export function materialise(row: Row, columns: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((c) => [c, column(row, c) ?? null]));
}
