import type { SimResponse } from '../../core/http.ts';
import { cpuSeries, type Statistic } from '../../estate/metrics.ts';
import { AzureError } from '../arm/errors.ts';
import { ok, type ArmRequest } from '../arm/request.ts';
import type { ArmRoute } from '../arm/router.ts';
import { findResource } from '../estate.ts';
import { T } from '../records.ts';

/** Azure Monitor answers metric errors as a top-level `{code, message}`. */
class MonitorError extends AzureError {}

function monitorError(status: number, code: string, message: string): SimResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, message }) };
}

const VM_METRICS = [
  'Percentage CPU',
  'Network In',
  'Network Out',
  'Disk Read Bytes',
  'Disk Write Bytes',
  'Available Memory Bytes',
];

const AGGREGATIONS: Record<string, { key: string; statistic: Statistic }> = {
  average: { key: 'average', statistic: 'Average' },
  minimum: { key: 'minimum', statistic: 'Minimum' },
  maximum: { key: 'maximum', statistic: 'Maximum' },
  total: { key: 'total', statistic: 'Sum' },
  count: { key: 'count', statistic: 'SampleCount' },
};

/** ISO 8601 duration (PT1M, PT1H, P1D, P7DT12H) in ms. */
export function durationMs(text: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(text.trim());
  if (!m || text.trim().toUpperCase() === 'P' || text.trim().toUpperCase() === 'PT') return undefined;
  const [, d, h, min, s] = m;
  return ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 60_000 + Number(s ?? 0) * 1000;
}

function parseTimespan(text: string | null, now: number): { start: number; end: number } {
  if (!text) return { start: now - 3_600_000, end: now };
  const [a, b] = text.split('/');
  const start = Date.parse(a ?? '');
  if (Number.isNaN(start))
    throw new MonitorError(
      400,
      'BadRequest',
      `Invalid parameter: timespan (${text}) is not a valid time range.`,
    );
  const endDate = Date.parse(b ?? '');
  const span = durationMs(b ?? '');
  const end = !Number.isNaN(endDate) ? endDate : span !== undefined ? start + span : NaN;
  if (Number.isNaN(end) || end <= start)
    throw new MonitorError(
      400,
      'BadRequest',
      `Invalid parameter: timespan (${text}) is not a valid time range.`,
    );
  return { start, end };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * GET {resourceId}/providers/Microsoft.Insights/metrics: Percentage CPU of a virtual machine from
 * its CPU profile (estate/metrics.ts), aggregated per `interval` over `timespan`.
 */
function listMetrics(rc: ArmRequest): SimResponse {
  try {
    const scope = rc.params['scope'] ?? '';
    const resource = findResource(rc.az, scope);
    if (!resource) {
      const parts = scope.split('/');
      return monitorError(
        404,
        'ResourceNotFound',
        `The Resource '${parts.slice(-3, -2)[0] ?? ''}/${parts.slice(-2).join('/')}' under resource group '${parts[4] ?? ''}' was not found.`,
      );
    }
    const names = (rc.req.query.get('metricnames') ?? 'Percentage CPU')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    const [provider, type] = [resource.type.split('/')[0]!, resource.type.split('/').slice(1).join('/')];
    for (const name of names) {
      if (resource.type !== T.vm || name.toLowerCase() !== 'percentage cpu') {
        const valid = resource.type === T.vm ? VM_METRICS.join(',') : '';
        return monitorError(
          400,
          'BadRequest',
          `Failed to find metric configuration for provider: ${provider}, resource Type: ${type}, metric: ${name}, Valid metrics: ${valid}`,
        );
      }
    }
    if (resource.type !== T.vm)
      return monitorError(400, 'BadRequest', 'Metrics are not available for this resource.');
    const vm = resource;
    const { start, end } = parseTimespan(rc.req.query.get('timespan'), rc.now);
    const intervalText = rc.req.query.get('interval') ?? 'PT1M';
    const interval = durationMs(intervalText);
    if (!interval || interval < 60_000)
      return monitorError(
        400,
        'BadRequest',
        `Invalid parameter: interval (${intervalText}) is not supported.`,
      );
    if ((end - start) / interval > 100_000)
      return monitorError(
        400,
        'BadRequest',
        'The requested time range and interval would return more than 100000 data points.',
      );
    const aggregations = (rc.req.query.get('aggregation') ?? 'Average')
      .split(',')
      .map((a) => a.trim().toLowerCase())
      .filter(Boolean);
    for (const a of aggregations)
      if (!AGGREGATIONS[a]) return monitorError(400, 'BadRequest', `Invalid aggregation type: ${a}`);
    const series = aggregations.map((a) => ({
      key: AGGREGATIONS[a]!.key,
      points: cpuSeries(vm.cpu, start, end, interval / 1000, AGGREGATIONS[a]!.statistic),
    }));
    const data = (series[0]?.points ?? []).map((p, i) => {
      const point: Record<string, unknown> = { timeStamp: iso(p.timestamp) };
      for (const s of series) point[s.key] = s.points[i]?.value;
      return point;
    });
    return ok({
      cost: data.length * series.length,
      timespan: `${iso(start)}/${iso(end)}`,
      interval: intervalText.toUpperCase(),
      value: [
        {
          id: `${vm.id}/providers/Microsoft.Insights/metrics/Percentage CPU`,
          type: 'Microsoft.Insights/metrics',
          name: { value: 'Percentage CPU', localizedValue: 'Percentage CPU' },
          displayDescription:
            'The percentage of allocated compute units that are currently in use by the Virtual Machine(s)',
          unit: 'Percent',
          timeseries: [{ metadatavalues: [], data }],
          errorCode: 'Success',
        },
      ],
      namespace: T.vm,
      resourceregion: vm.location,
    });
  } catch (error) {
    if (error instanceof MonitorError) return monitorError(error.status, error.code, error.message);
    throw error;
  }
}

export const monitorRoutes: ArmRoute[] = [
  {
    method: 'GET',
    path: '{*scope}/providers/Microsoft.Insights/metrics',
    service: 'insights',
    operation: 'metrics.list',
    read: true,
    handle: listMetrics,
  },
];
