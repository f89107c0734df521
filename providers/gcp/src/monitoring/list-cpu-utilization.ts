import type { MetricPoint, MetricQuery } from '@escher/provider-api';
import type { Resource } from '@escher/protocol';
import type { GcpContext } from '../context.ts';
import { pages } from '../paging.ts';

const CPU_METRIC = 'compute.googleapis.com/instance/cpu/utilization';
/** Cloud Monitoring's shortest alignment period. */
const MIN_PERIOD_SECONDS = 60;

/**
 * Mean CPU utilisation of one instance per period, in percent: Cloud Monitoring
 * `timeSeries.list` on `compute.googleapis.com/instance/cpu/utilization` (a 0..1 fraction),
 * aligned with ALIGN_MEAN. The series is selected by the instance's numeric id when known
 * (names can repeat across zones and time), else by name and zone.
 */
export async function listCpuUtilization(
  ctx: GcpContext,
  instance: Resource,
  query: MetricQuery,
): Promise<MetricPoint[]> {
  const instanceId = instance.attributes['instanceId'];
  const selector =
    typeof instanceId === 'string' && instanceId
      ? `resource.labels.instance_id = "${instanceId}"`
      : `metric.labels.instance_name = "${instance.name}" AND resource.labels.zone = "${instance.zone ?? ''}"`;
  const period = Math.max(MIN_PERIOD_SECONDS, Math.round(query.periodSeconds));
  const client = await ctx.clients.monitoring();
  const points: MetricPoint[] = [];
  const fetch = async (pageToken: string | undefined) => {
    const [items, , response] = await client.listTimeSeries(
      {
        name: `projects/${ctx.project}`,
        filter: `metric.type = "${CPU_METRIC}" AND resource.type = "gce_instance" AND ${selector}`,
        interval: { startTime: timestamp(query.start), endTime: timestamp(query.end) },
        aggregation: { alignmentPeriod: { seconds: period }, perSeriesAligner: 'ALIGN_MEAN' },
        view: 'FULL',
        ...(pageToken ? { pageToken } : {}),
      },
      { autoPaginate: false },
    );
    return { items, next: response?.nextPageToken };
  };
  const call = { service: 'monitoring', operation: 'projects.timeSeries.list' };
  for await (const page of pages(ctx, call, fetch)) {
    for (const series of page) {
      for (const point of series.points ?? []) {
        const at = point.interval?.endTime;
        const value = point.value?.doubleValue;
        if (!at || value === null || value === undefined) continue;
        const ms = Number(String(at.seconds ?? 0)) * 1000 + Math.floor((at.nanos ?? 0) / 1e6);
        points.push({ timestamp: ms, value: clampPercent(Number(value) * 100) });
      }
    }
  }
  return points.sort((a, b) => a.timestamp - b.timestamp);
}

function timestamp(ms: number): { seconds: number; nanos: number } {
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
}

function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, Math.round(value * 1000) / 1000));
}
