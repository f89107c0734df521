import type { CpuProfile } from '../../estate/metrics.ts';
import type { AwsRegionState } from '../estate.ts';

export interface Dimension {
  name: string;
  value: string;
}

export interface MetricRef {
  namespace: string;
  metricName: string;
  dimensions: Dimension[];
}

/**
 * The CPU profile behind a metric, if the simulator serves it: `AWS/EC2 CPUUtilization` by
 * `InstanceId`, and `AWS/RDS CPUUtilization` by `DBInstanceIdentifier`. Any other metric has no
 * data (CloudWatch answers an empty series, not an error).
 */
export function profileOf(region: AwsRegionState, metric: MetricRef): CpuProfile | undefined {
  if (metric.metricName !== 'CPUUtilization' || metric.dimensions.length !== 1) return undefined;
  const [dimension] = metric.dimensions;
  if (metric.namespace === 'AWS/EC2' && dimension!.name === 'InstanceId') {
    return region.ec2.instances.get(dimension!.value)?.cpu;
  }
  if (metric.namespace === 'AWS/RDS' && dimension!.name === 'DBInstanceIdentifier') {
    return region.rds.byId.get(dimension!.value)?.cpuProfile;
  }
  return undefined;
}

/** Every metric the region has, as ListMetrics returns them. */
export function regionMetrics(region: AwsRegionState): MetricRef[] {
  const out: MetricRef[] = [];
  for (const id of region.ec2.instances.keys()) {
    out.push({
      namespace: 'AWS/EC2',
      metricName: 'CPUUtilization',
      dimensions: [{ name: 'InstanceId', value: id }],
    });
  }
  for (const id of region.rds.byId.keys()) {
    out.push({
      namespace: 'AWS/RDS',
      metricName: 'CPUUtilization',
      dimensions: [{ name: 'DBInstanceIdentifier', value: id }],
    });
  }
  return out;
}
