import { cpuAt, cpuSeries, type Statistic } from '../../estate/metrics.ts';
import { liveInstances } from '../compute/lookup.ts';
import { GcpError, permissionDenied } from '../errors.ts';
import { findProject } from '../estate.ts';
import { pageOf } from '../paging.ts';
import { intParam, ok, type GcpCall, type GcpRoute } from '../route.ts';
import { compileSeriesFilter, type SeriesSelector } from './filter.ts';

const CPU_METRIC = 'compute.googleapis.com/instance/cpu/utilization';
const ALIGNERS: Readonly<Record<string, Statistic | 'NONE'>> = {
  ALIGN_NONE: 'NONE',
  ALIGN_MEAN: 'Average',
  ALIGN_MAX: 'Maximum',
  ALIGN_MIN: 'Minimum',
  ALIGN_SUM: 'Sum',
  ALIGN_COUNT: 'SampleCount',
  ALIGN_INTERPOLATE: 'Average',
  ALIGN_NEXT_OLDER: 'Average',
};
const ALIGNER_NUMBERS: Readonly<Record<string, string>> = {
  '0': 'ALIGN_NONE',
  '3': 'ALIGN_INTERPOLATE',
  '4': 'ALIGN_NEXT_OLDER',
  '10': 'ALIGN_MIN',
  '11': 'ALIGN_MAX',
  '12': 'ALIGN_MEAN',
  '13': 'ALIGN_COUNT',
  '14': 'ALIGN_SUM',
};
const REDUCER_NUMBERS: Readonly<Record<string, string>> = {
  '0': 'REDUCE_NONE',
  '1': 'REDUCE_MEAN',
  '2': 'REDUCE_MIN',
  '3': 'REDUCE_MAX',
  '4': 'REDUCE_SUM',
  '6': 'REDUCE_COUNT',
};

type Point = { t: number; v: number };
interface Series {
  selector: SeriesSelector;
  points: Point[];
}

function invalidField(field: string, value: string, why = ''): GcpError {
  return new GcpError(
    400,
    'badRequest',
    `Field ${field} had an invalid value of "${value}"${why ? `: ${why}` : ''}`,
  );
}

function time(call: GcpCall, name: string, fallback?: number): number {
  const raw = call.query.get(name);
  if (raw === null || raw === '') {
    if (fallback !== undefined) return fallback;
    throw invalidField(name, '', 'an end time is required');
  }
  const ms = Date.parse(raw);
  if (!Number.isFinite(ms)) throw invalidField(name, raw);
  return ms;
}

function durationSeconds(raw: string | null): number | undefined {
  if (raw === null || raw === '') return undefined;
  const m = /^(\d+(?:\.\d+)?)s$/.exec(raw);
  if (!m || Number(m[1]) < 60)
    throw invalidField('aggregation.alignmentPeriod', raw, 'the alignment period must be at least 60s');
  return Math.round(Number(m[1]));
}

function reduce(values: number[], reducer: string): number {
  switch (reducer) {
    case 'REDUCE_MEAN':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'REDUCE_MIN':
      return Math.min(...values);
    case 'REDUCE_MAX':
      return Math.max(...values);
    case 'REDUCE_SUM':
      return values.reduce((a, b) => a + b, 0);
    default:
      return values.length;
  }
}

/** Groups aligned series by `groupByFields` and reduces them per timestamp. */
function crossReduce(series: Series[], reducer: string, groupBy: string[]): Series[] {
  const groups = new Map<string, { selector: SeriesSelector; byTime: Map<number, number[]> }>();
  for (const s of series) {
    const metricLabels: Record<string, string> = {};
    const resourceLabels: Record<string, string> = {};
    for (const field of groupBy) {
      const m = /^(metric|resource)\.labels?\.([A-Za-z0-9_]+)$/.exec(field);
      if (!m) throw invalidField('aggregation.groupByFields', field);
      const value = (m[1] === 'metric' ? s.selector.metricLabels : s.selector.resourceLabels)[m[2]!] ?? '';
      (m[1] === 'metric' ? metricLabels : resourceLabels)[m[2]!] = value;
    }
    const key = JSON.stringify([metricLabels, resourceLabels]);
    let group = groups.get(key);
    if (!group)
      groups.set(
        key,
        (group = {
          selector: {
            ...s.selector,
            metricLabels,
            resourceLabels: { project_id: s.selector.project, ...resourceLabels },
          },
          byTime: new Map(),
        }),
      );
    for (const p of s.points) {
      const list = group.byTime.get(p.t);
      if (list) list.push(p.v);
      else group.byTime.set(p.t, [p.v]);
    }
  }
  return [...groups.values()].map((g) => ({
    selector: g.selector,
    points: [...g.byTime].map(([t, values]) => ({ t, v: reduce(values, reducer) })).sort((a, b) => b.t - a.t),
  }));
}

function list(call: GcpCall) {
  const project = findProject(call.estate, call.params['project'] ?? '');
  if (!project)
    throw permissionDenied(`Permission monitoring.timeSeries.list denied (or the resource may not exist).`);
  const filter = compileSeriesFilter(call.query.get('filter'));
  const end = time(call, 'interval.endTime');
  const start = time(call, 'interval.startTime', end);
  if (start > end)
    throw invalidField(
      'interval.startTime',
      call.query.get('interval.startTime') ?? '',
      'the start time must not be after the end time',
    );
  const alignerRaw = call.query.get('aggregation.perSeriesAligner') ?? 'ALIGN_NONE';
  const alignerName = ALIGNER_NUMBERS[alignerRaw] ?? alignerRaw;
  const aligner = ALIGNERS[alignerName];
  if (!aligner)
    throw invalidField(
      'aggregation.perSeriesAligner',
      alignerRaw,
      'the aligner cannot be applied to metrics with kind GAUGE and value type DOUBLE',
    );
  const period = durationSeconds(call.query.get('aggregation.alignmentPeriod'));
  if (aligner !== 'NONE' && period === undefined)
    throw invalidField('aggregation.alignmentPeriod', '', 'an alignment period is required with an aligner');
  const reducerRaw = call.query.get('aggregation.crossSeriesReducer') ?? 'REDUCE_NONE';
  const reducer = REDUCER_NUMBERS[reducerRaw] ?? reducerRaw;
  if (!Object.values(REDUCER_NUMBERS).includes(reducer))
    throw invalidField('aggregation.crossSeriesReducer', reducerRaw);
  if (reducer !== 'REDUCE_NONE' && aligner === 'NONE')
    throw invalidField('aggregation.crossSeriesReducer', reducer, 'a reducer requires an aligner');
  const headersOnly = call.query.get('view') === 'HEADERS' || call.query.get('view') === '1';

  let series: Series[] = [];
  if (filter.metricType === CPU_METRIC) {
    for (const inst of liveInstances(call, project.projectId)) {
      if (inst.state !== 'RUNNING' && inst.state !== 'STOPPING' && inst.state !== 'STAGING') continue;
      const selector: SeriesSelector = {
        metricType: CPU_METRIC,
        resourceType: 'gce_instance',
        metricLabels: { instance_name: inst.name },
        resourceLabels: { project_id: project.projectId, instance_id: inst.id, zone: inst.scope },
        project: project.projectId,
      };
      if (!filter.test(selector)) continue;
      let points: Point[] = [];
      if (!headersOnly) {
        if (aligner === 'NONE') {
          for (let t = Math.ceil(start / 60_000) * 60_000; t <= end && points.length < 50_000; t += 60_000)
            points.push({ t, v: cpuAt(inst.cpu, t) / 100 });
          points.reverse();
        } else {
          const periodMs = period! * 1000;
          points = cpuSeries(inst.cpu, start, end, period!, aligner)
            .map((p) => ({
              t: p.timestamp + periodMs,
              v: aligner === 'SampleCount' ? p.value : p.value / 100,
            }))
            .reverse();
        }
      }
      series.push({ selector, points });
    }
  } else if (!filter.metricType.startsWith('compute.googleapis.com/')) {
    throw new GcpError(404, 'notFound', `Cannot find metric(s) that match type = "${filter.metricType}".`);
  }
  if (reducer !== 'REDUCE_NONE') {
    series = crossReduce(series, reducer, call.query.getAll('aggregation.groupByFields'));
  }
  const perSeries = Math.max(1, series[0]?.points.length ?? 1);
  // pageSize counts points (FULL view) or series (HEADERS view), at most 100,000.
  const pageSize = Math.min(100_000, intParam(call.query, 'pageSize') || 100_000);
  const seriesPerPage = headersOnly ? pageSize : Math.max(1, Math.floor(pageSize / perSeries));
  const page = pageOf(call, series, {
    defaultSize: seriesPerPage,
    maxSize: 100_000,
    requested: seriesPerPage,
  });
  return ok({
    timeSeries: page.items.length
      ? page.items.map((s) => ({
          metric: { labels: s.selector.metricLabels, type: s.selector.metricType },
          resource: { type: s.selector.resourceType, labels: s.selector.resourceLabels },
          metricKind: 'GAUGE',
          valueType: aligner === 'SampleCount' ? 'INT64' : 'DOUBLE',
          points: headersOnly
            ? undefined
            : s.points.map((p) => {
                const at = new Date(p.t).toISOString();
                return {
                  interval: { startTime: at, endTime: at },
                  value:
                    aligner === 'SampleCount'
                      ? { int64Value: String(Math.round(p.v)) }
                      : { doubleValue: Math.round(p.v * 1e6) / 1e6 },
                };
              }),
          unit: aligner === 'SampleCount' ? '1' : '10^2.%',
        }))
      : undefined,
    nextPageToken: page.nextToken,
    unit: series.length ? '10^2.%' : undefined,
  });
}

/** Cloud Monitoring v3 timeSeries.list for Compute Engine CPU utilisation (0..1 fractions). */
export const monitoringRoutes: GcpRoute[] = [
  {
    method: 'GET',
    path: '/v3/projects/{project}/timeSeries',
    service: 'monitoring',
    operation: 'projects.timeSeries.list',
    handle: list,
  },
];
