import { paginate } from '../../core/paginate.ts';
import type { AwsOperation } from '../operation.ts';
import { members } from '../protocol/xml.ts';
import { readListMetricsRequest } from './cw-input.ts';
import { regionMetrics } from './metric-source.ts';

/** ListMetrics: the CPUUtilization metrics of this region's instances and databases, 500 a page. */
export const listMetrics: AwsOperation = {
  name: 'ListMetrics',
  handle: (call) => {
    const request = readListMetricsRequest(call);
    const selected = regionMetrics(call.regionState).filter(
      (m) =>
        (request.namespace === undefined || m.namespace === request.namespace) &&
        (request.metricName === undefined || m.metricName === request.metricName) &&
        request.dimensions.every((f) =>
          m.dimensions.some((d) => d.name === f.name && (f.value === undefined || d.value === f.value)),
        ),
    );
    const page = paginate(
      selected,
      { token: request.nextToken, defaultSize: 500, maxSize: 500 },
      call.sim.faults.current.pagination,
    );
    const json = call.protocol === 'json';
    const metrics = page.items.map((m) => {
      const dimensions = m.dimensions.map((d) => ({ Name: d.name, Value: d.value }));
      return {
        Namespace: m.namespace,
        MetricName: m.metricName,
        Dimensions: json ? dimensions : members(dimensions),
      };
    });
    return { Metrics: json ? metrics : members(metrics), NextToken: page.nextToken };
  },
};
