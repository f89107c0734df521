import { randomUUID } from 'node:crypto';
import type { SimResponse } from '../../core/http.ts';
import { InvalidPageToken, paginate } from '../../core/paginate.ts';
import { isoDay } from '../../estate/cost.ts';
import { AzureError } from '../arm/errors.ts';
import {
  jsonBody,
  nextLink,
  ok,
  requireGroup,
  requireSubscription,
  type ArmRequest,
} from '../arm/request.ts';
import type { ArmRoute } from '../arm/router.ts';
import type { ResourceGroupRecord } from '../records.ts';
import { RG, SUB } from './kit.ts';

const DAY_MS = 86_400_000;
const DIMENSIONS: Record<string, 'service' | 'group' | 'subscription' | 'subscriptionName'> = {
  servicename: 'service',
  metercategory: 'service',
  resourcegroupname: 'group',
  resourcegroup: 'group',
  subscriptionid: 'subscription',
  subscriptionname: 'subscriptionName',
};

interface Dataset {
  daily: boolean;
  aggregations: string[];
  grouping: { name: string; dim: 'service' | 'group' | 'subscription' | 'subscriptionName' }[];
  filter: (row: CostKey) => boolean;
  /** Whether grouping or filter needs the per-resource-group split. */
  byGroup: boolean;
}

interface CostKey {
  service: string;
  group: string;
}

function badRequest(message: string): AzureError {
  return new AzureError(400, 'BadRequest', message);
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function parseFilter(value: unknown, uses: Set<string>): (row: CostKey) => boolean {
  const f = record(value);
  if (Object.keys(f).length === 0) return () => true;
  if (Array.isArray(f['and'])) {
    const parts = (f['and'] as unknown[]).map((x) => parseFilter(x, uses));
    return (row) => parts.every((p) => p(row));
  }
  if (Array.isArray(f['or'])) {
    const parts = (f['or'] as unknown[]).map((x) => parseFilter(x, uses));
    return (row) => parts.some((p) => p(row));
  }
  const dimension = record(f['dimensions'] ?? f['dimension']);
  if (Object.keys(dimension).length > 0) {
    const dim = DIMENSIONS[String(dimension['name']).toLowerCase()];
    if (dim !== 'service' && dim !== 'group')
      throw badRequest(
        `Invalid query definition: Dimension '${String(dimension['name'])}' is not supported in filter.`,
      );
    uses.add(dim);
    const values = new Set(
      (Array.isArray(dimension['values']) ? dimension['values'] : []).map((v) => String(v).toLowerCase()),
    );
    return (row) => values.has((dim === 'service' ? row.service : row.group).toLowerCase());
  }
  return () => true;
}

function parseDataset(value: unknown): Dataset {
  const d = record(value);
  const granularity = String(d['granularity'] ?? 'None');
  if (!['daily', 'none', 'monthly'].includes(granularity.toLowerCase()))
    throw badRequest(`Invalid query definition: Granularity '${granularity}' is not supported.`);
  const aggregation = record(d['aggregation']);
  const aggregations = Object.values(aggregation).map((a) => String(record(a)['name'] ?? 'Cost'));
  const grouping = (Array.isArray(d['grouping']) ? d['grouping'] : []).map((g) => {
    const name = String(record(g)['name']);
    const dim = DIMENSIONS[name.toLowerCase()];
    if (!dim)
      throw badRequest(
        `Invalid query definition: Invalid dataset grouping: '${name}'; valid values: 'ServiceName', 'MeterCategory', 'ResourceGroupName', 'ResourceGroup', 'SubscriptionId', 'SubscriptionName'.`,
      );
    return { name, dim };
  });
  if (grouping.length > 2)
    throw badRequest('Invalid query definition: Dataset grouping can contain at most 2 dimensions.');
  const uses = new Set<string>();
  const filter = parseFilter(d['filter'], uses);
  return {
    daily: granularity.toLowerCase() === 'daily',
    aggregations: aggregations.length > 0 ? aggregations : ['Cost'],
    grouping,
    filter,
    byGroup: uses.has('group') || grouping.some((g) => g.dim === 'group'),
  };
}

/** The days a timeframe covers, relative to the simulator's today. */
function period(body: Record<string, unknown>, now: number): { from: string; to: string } {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const date = new Date(today);
  const timeframe = String(body['timeframe'] ?? 'MonthToDate').toLowerCase();
  const monthStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  switch (timeframe) {
    case 'monthtodate':
    case 'billingmonthtodate':
      return { from: isoDay(monthStart), to: isoDay(today) };
    case 'thelastmonth':
    case 'thelastbillingmonth':
      return {
        from: isoDay(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1)),
        to: isoDay(monthStart - DAY_MS),
      };
    case 'weektodate':
      return { from: isoDay(today - ((date.getUTCDay() + 6) % 7) * DAY_MS), to: isoDay(today) };
    case 'custom': {
      const p = record(body['timePeriod']);
      const from = Date.parse(String(p['from']));
      const to = Date.parse(String(p['to']));
      if (Number.isNaN(from) || Number.isNaN(to) || to < from)
        throw badRequest(
          'Invalid query definition: timePeriod must have valid from and to dates for a Custom timeframe.',
        );
      return { from: isoDay(from), to: isoDay(to) };
    }
    default:
      throw badRequest(
        `Invalid query definition: Timeframe '${String(body['timeframe'])}' is not supported.`,
      );
  }
}

/**
 * POST {scope}/providers/Microsoft.CostManagement/query: daily (or total) cost of a subscription or
 * resource group, grouped by ServiceName / ResourceGroupName (lower-cased, as Cost Management
 * reports them). Resource groups get a fixed share of their subscription's spend.
 */
function query(rc: ArmRequest, scopedGroup: ResourceGroupRecord | undefined): SimResponse {
  const sub = requireSubscription(rc);
  const body = jsonBody(rc);
  const dataset = parseDataset(body['dataset']);
  const { from, to } = period(body, rc.now);
  const groups = rc.az.resourceGroups.filter((g) => g.subscriptionId === sub.subscriptionId);
  const totalWeight = groups.reduce((s, g) => s + g.costWeight, 0) || 1;
  const slices = (scopedGroup ? [scopedGroup] : groups).map((g) => ({
    name: g.name.toLowerCase(),
    share: g.costWeight / totalWeight,
  }));
  const sums = new Map<string, { key: unknown[]; date: string; usd: number }>();
  for (const row of rc.az.cost) {
    if (row.account !== sub.subscriptionId || row.date < from || row.date > to) continue;
    const parts = scopedGroup || dataset.byGroup ? slices : [{ name: '', share: 1 }];
    for (const slice of parts) {
      if (!dataset.filter({ service: row.service, group: slice.name })) continue;
      const key = dataset.grouping.map((g) =>
        g.dim === 'service'
          ? row.service
          : g.dim === 'group'
            ? slice.name
            : g.dim === 'subscription'
              ? sub.subscriptionId
              : sub.displayName,
      );
      const date = dataset.daily ? row.date : '';
      const id = JSON.stringify([date, key]);
      const entry = sums.get(id) ?? { key, date, usd: 0 };
      entry.usd += row.usd * slice.share;
      sums.set(id, entry);
    }
  }
  const rows = [...sums.values()]
    .sort(
      (a, b) => a.date.localeCompare(b.date) || JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)),
    )
    .map((e) => [
      ...dataset.aggregations.map(() => Math.round(e.usd * 1e6) / 1e6),
      ...(dataset.daily ? [Number(e.date.replace(/-/g, ''))] : []),
      ...e.key,
      'USD',
    ]);
  let page;
  try {
    page = paginate(
      rows,
      { token: rc.req.query.get('$skiptoken') ?? undefined, defaultSize: 1000, maxSize: 1000 },
      rc.ctx.faults.current.pagination,
    );
  } catch (error) {
    if (error instanceof InvalidPageToken) throw badRequest(`Invalid skip token '${error.token}'.`);
    throw error;
  }
  const columns = [
    ...dataset.aggregations.map((name) => ({ name, type: 'Number' })),
    ...(dataset.daily ? [{ name: 'UsageDate', type: 'Number' }] : []),
    ...dataset.grouping.map((g) => ({ name: g.name, type: 'String' })),
    { name: 'Currency', type: 'String' },
  ];
  const id = randomUUID();
  const scope = scopedGroup
    ? `subscriptions/${sub.subscriptionId}/resourceGroups/${scopedGroup.name}`
    : `subscriptions/${sub.subscriptionId}`;
  return ok({
    id: `${scope}/providers/Microsoft.CostManagement/query/${id}`,
    name: id,
    type: 'Microsoft.CostManagement/query',
    location: null,
    sku: null,
    eTag: null,
    properties: { nextLink: page.nextToken ? nextLink(rc, page.nextToken) : null, columns, rows: page.items },
  });
}

export const costRoutes: ArmRoute[] = [
  {
    method: 'POST',
    path: `${SUB}/providers/Microsoft.CostManagement/query`,
    service: 'costmanagement',
    operation: 'query.usage',
    read: true,
    handle: (rc) => query(rc, undefined),
  },
  {
    method: 'POST',
    path: `${RG}/providers/Microsoft.CostManagement/query`,
    service: 'costmanagement',
    operation: 'query.usage',
    read: true,
    handle: (rc) => query(rc, requireGroup(rc)),
  },
];
