import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { MetricPoint } from '@escher/provider-api';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

export interface MetricSeriesQuery {
  namespace: string;
  metric: string;
  dimension: { name: string; value: string };
  start: number;
  end: number;
  periodSeconds: number;
  stat: 'Average' | 'Maximum' | 'Minimum' | 'Sum';
}

/** CloudWatch GetMetricData for one series, following NextToken; points oldest first. */
export async function getMetricData(ctx: AwsContext, q: MetricSeriesQuery): Promise<MetricPoint[]> {
  const points: MetricPoint[] = [];
  let NextToken: string | undefined;
  const seen = new Set<string>();
  do {
    const out = await call(ctx, { service: 'monitoring', operation: 'GetMetricData' }, (o) =>
      ctx.clients.cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(q.start),
          EndTime: new Date(q.end),
          ScanBy: 'TimestampAscending',
          NextToken,
          MetricDataQueries: [
            {
              Id: 'm0',
              ReturnData: true,
              MetricStat: {
                Metric: {
                  Namespace: q.namespace,
                  MetricName: q.metric,
                  Dimensions: [{ Name: q.dimension.name, Value: q.dimension.value }],
                },
                Period: q.periodSeconds,
                Stat: q.stat,
              },
            },
          ],
        }),
        o,
      ),
    );
    for (const result of out.MetricDataResults ?? []) {
      const timestamps = result.Timestamps ?? [];
      const values = result.Values ?? [];
      timestamps.forEach((t, i) => {
        if (values[i] !== undefined) points.push({ timestamp: t.getTime(), value: values[i]! });
      });
    }
    NextToken = out.NextToken && !seen.has(out.NextToken) ? out.NextToken : undefined;
    if (NextToken) seen.add(NextToken);
  } while (NextToken);
  return points.sort((a, b) => a.timestamp - b.timestamp);
}
