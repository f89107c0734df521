import type { MetricPoint, MetricQuery } from '@escher/provider-api';
import { callAzure, type CallOptions } from '../arm/call.ts';
import type { AzureClients } from '../clients.ts';

/** The time grains Azure Monitor accepts, in seconds. */
const GRAINS: readonly [number, string][] = [
  [60, 'PT1M'],
  [300, 'PT5M'],
  [900, 'PT15M'],
  [1800, 'PT30M'],
  [3600, 'PT1H'],
  [21_600, 'PT6H'],
  [43_200, 'PT12H'],
  [86_400, 'P1D'],
];

/** The smallest grain Monitor accepts that is at least the period asked for. */
export function grainFor(periodSeconds: number): string {
  return (GRAINS.find(([seconds]) => seconds >= periodSeconds) ?? GRAINS[GRAINS.length - 1]!)[1];
}

/**
 * Average `Percentage CPU` of a VM over the query window (GET {vm}/providers/Microsoft.Insights/metrics),
 * already a percentage. Buckets Monitor returns without a value (no data yet) are left out.
 */
export async function listCpuMetrics(
  clients: AzureClients,
  resource: { id: string; account: string },
  query: MetricQuery,
  options: CallOptions,
): Promise<MetricPoint[]> {
  const response = await callAzure(
    options,
    { account: resource.account, region: 'global', service: 'arm', operation: 'metrics.list' },
    () =>
      clients.monitor(resource.account).metrics.list(resource.id, {
        metricnames: 'Percentage CPU',
        timespan: `${new Date(query.start).toISOString()}/${new Date(query.end).toISOString()}`,
        interval: grainFor(query.periodSeconds),
        aggregation: 'Average',
        abortSignal: options.signal,
      }),
  );
  const series = response.value.flatMap((metric) => metric.timeseries ?? []);
  return series
    .flatMap((s) => s.data ?? [])
    .filter((point) => typeof point.average === 'number')
    .map((point) => ({ timestamp: new Date(point.timeStamp).getTime(), value: point.average! }))
    .sort((a, b) => a.timestamp - b.timestamp);
}
