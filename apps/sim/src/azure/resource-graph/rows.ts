import type { SimClock } from '../../core/clock.ts';
import type { AzureEstate } from '../estate.ts';
import type { AnyResource } from '../records.ts';
import { T } from '../records.ts';
import { renderInstanceView } from '../render/compute.ts';
import { renderResource, renderSubscription } from '../render/resources.ts';
import type { Path } from './kql.ts';

/** The default columns typed `string` in a table result; the rest are `object`. */
export const TEXT_COLUMNS: ReadonlySet<string> = new Set([
  'id',
  'name',
  'type',
  'tenantId',
  'kind',
  'location',
  'resourceGroup',
  'subscriptionId',
  'managedBy',
]);

/** The columns Resource Graph returns when a query projects nothing. */
export const DEFAULT_COLUMNS = [
  ...TEXT_COLUMNS,
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

export function resourceRow(az: AzureEstate, r: AnyResource, clock: SimClock): Row {
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

export function containerRows(az: AzureEstate, subscriptions: ReadonlySet<string>): Row[] {
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

export function column(row: Row, name: string): unknown {
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

export function walk(row: Row, path: Path): unknown {
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

/** The row's values for `columns`, rendering lazily only for the rows actually returned. */
export function materialise(row: Row, columns: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((c) => [c, column(row, c) ?? null]));
}
