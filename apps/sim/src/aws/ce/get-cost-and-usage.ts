import { paginate } from '../../core/paginate.ts';
import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import {
  expressionTagKeys,
  matches,
  metricValue,
  readMetrics,
  toSlices,
  visibleRows,
  type CostSlice,
  type Expression,
} from './cost-slices.ts';
import { amount, DAY, day, readGranularity, readPeriod, slices, startOfDay } from './periods.ts';

type GroupDef = { Type: 'DIMENSION' | 'TAG'; Key: string };
const GROUP_DIMENSIONS: Record<string, (s: CostSlice) => string> = {
  SERVICE: (s) => s.service,
  LINKED_ACCOUNT: (s) => s.account,
  RECORD_TYPE: () => 'Usage',
};
/** How far back Cost Explorer keeps data (14 months); earlier is DataUnavailableException. */
const RETENTION_DAYS = 14 * 31;

/**
 * Cost Explorer GetCostAndUsage: TimePeriod (End exclusive), Granularity DAILY | MONTHLY, Metrics,
 * GroupBy (up to two of DIMENSION SERVICE / LINKED_ACCOUNT / RECORD_TYPE and TAG keys, answered
 * `env$prod`), Filter, NextPageToken (pages of ResultsByTime). Days without data are zero.
 */
export const getCostAndUsage: AwsOperation = {
  name: 'GetCostAndUsage',
  handle: (call) => {
    const { body } = call;
    const { start, end } = readPeriod(body);
    const granularity = readGranularity(body.Granularity);
    const metrics = readMetrics(body.Metrics);
    const today = startOfDay(call.sim.clock.now());
    if (start < today - RETENTION_DAYS * DAY) {
      throw new AwsError(
        'DataUnavailableException',
        'Data is not available for the requested time period. Cost Explorer keeps 14 months of history.',
      );
    }
    const groupBy = readGroupBy(body.GroupBy);
    const filter = body.Filter as Expression | undefined;
    const tagKeys = new Set([
      ...groupBy.filter((g) => g.Type === 'TAG').map((g) => g.Key),
      ...expressionTagKeys(filter),
    ]);
    const first = day(start);
    const last = day(end - DAY);
    const rows = visibleRows(call).filter((r) => r.date >= first && r.date <= last);
    const wanted = toSlices(rows, [...tagKeys]).filter((s) => matches(filter, s));
    const byDate = new Map<string, CostSlice[]>();
    for (const s of wanted) {
      let list = byDate.get(s.date);
      if (!list) byDate.set(s.date, (list = []));
      list.push(s);
    }
    const periods = slices(start, end, granularity);
    const grouped = groupBy.length > 0;
    const page = paginate(
      periods,
      {
        token: typeof body.NextPageToken === 'string' ? body.NextPageToken : undefined,
        defaultSize: grouped ? 40 : 400,
        maxSize: grouped ? 40 : 400,
      },
      call.sim.faults.current.pagination,
    );
    const aliases = new Map(call.estate.accounts.map((a) => [a.id, a.alias]));
    const seenAccounts = new Set<string>();
    const results = page.items.map((p) => {
      const inPeriod: CostSlice[] = [];
      for (let d = p.start; d < p.end; d += DAY) inPeriod.push(...(byDate.get(day(d)) ?? []));
      const metricsOf = (usd: number): Record<string, { Amount: string; Unit: string }> =>
        Object.fromEntries(
          metrics.map((m) => {
            const v = metricValue(m, usd);
            return [m, { Amount: amount(v.amount), Unit: v.unit }];
          }),
        );
      const estimated = p.end > today - DAY;
      if (!grouped) {
        const total = inPeriod.reduce((sum, s) => sum + s.usd, 0);
        return {
          TimePeriod: { Start: day(p.start), End: day(p.end) },
          Total: metricsOf(total),
          Groups: [],
          Estimated: estimated,
        };
      }
      const groups = new Map<string, { keys: string[]; usd: number }>();
      for (const s of inPeriod) {
        const keys = groupBy.map((g) =>
          g.Type === 'TAG' ? `${g.Key}$${s.tags[g.Key] ?? ''}` : GROUP_DIMENSIONS[g.Key]!(s),
        );
        if (groupBy.some((g) => g.Key === 'LINKED_ACCOUNT')) seenAccounts.add(s.account);
        const id = keys.join('\u0000');
        const group = groups.get(id) ?? { keys, usd: 0 };
        group.usd += s.usd;
        groups.set(id, group);
      }
      return {
        TimePeriod: { Start: day(p.start), End: day(p.end) },
        Total: {},
        Groups: [...groups.values()]
          .sort((a, b) => (a.keys.join() < b.keys.join() ? -1 : 1))
          .map((g) => ({ Keys: g.keys, Metrics: metricsOf(g.usd) })),
        Estimated: estimated,
      };
    });
    return {
      ...(grouped ? { GroupDefinitions: groupBy } : {}),
      ResultsByTime: results,
      DimensionValueAttributes: [...seenAccounts]
        .sort()
        .map((id) => ({ Value: id, Attributes: { description: aliases.get(id) ?? id } })),
      ...(page.nextToken ? { NextPageToken: page.nextToken } : {}),
    };
  },
};

function readGroupBy(value: unknown): GroupDef[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new AwsError('ValidationException', 'GroupBy must be a list');
  if (value.length > 2)
    throw new AwsError('ValidationException', 'You can only group by up to two different groups');
  return value.map((g: { Type?: unknown; Key?: unknown }) => {
    if (g.Type === 'DIMENSION' && typeof g.Key === 'string' && g.Key in GROUP_DIMENSIONS)
      return { Type: 'DIMENSION', Key: g.Key };
    if (g.Type === 'TAG' && typeof g.Key === 'string' && g.Key) return { Type: 'TAG', Key: g.Key };
    throw new AwsError(
      'ValidationException',
      `Group Definition ${String(g.Type)}:${String(g.Key)} is not supported (DIMENSION SERVICE, LINKED_ACCOUNT, RECORD_TYPE or TAG)`,
    );
  });
}
