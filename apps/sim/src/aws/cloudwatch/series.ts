import { cpuAt, cpuSeries, type CpuProfile, type Statistic } from '../../estate/metrics.ts';
import { AwsError } from '../protocol/aws-error.ts';

const STATISTICS: readonly string[] = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];
const PERCENTILE = /^p(\d{1,2}(\.\d{1,2})?|100)$/;

/** CloudWatch keeps 1-minute data 15 days, 5-minute data 63 days, 1-hour data 455 days. */
export function retentionStart(now: number, periodSeconds: number): number {
  const days = periodSeconds < 300 ? 15 : periodSeconds < 3600 ? 63 : 455;
  return now - days * 86_400_000;
}

export function checkPeriod(period: number | undefined, name = 'Period'): number {
  if (period === undefined) throw new AwsError('MissingParameter', `The parameter ${name} is required.`);
  if (
    !Number.isInteger(period) ||
    period < 1 ||
    (period >= 60 ? period % 60 !== 0 : ![1, 5, 10, 30].includes(period))
  ) {
    throw new AwsError('InvalidParameterValue', `The parameter ${name} must be a multiple of 60.`);
  }
  return period;
}

/** Whether `stat` is a statistic CloudWatch knows (`Average`, …, `p99`, `p99.9`). */
export function isStatistic(stat: string): boolean {
  return STATISTICS.includes(stat) || PERCENTILE.test(stat);
}

/**
 * One statistic of a CPU profile over [start, end) at `period` seconds, limited to what
 * CloudWatch still retains and to the past (`now`). Percentiles rank the samples of each period.
 */
export function statisticSeries(
  profile: CpuProfile,
  stat: string,
  start: number,
  end: number,
  period: number,
  now: number,
): { timestamp: number; value: number }[] {
  const from = Math.max(start, retentionStart(now, period));
  const to = Math.min(end, now);
  if (from >= to) return [];
  if (STATISTICS.includes(stat)) return cpuSeries(profile, from, to, period, stat as Statistic);
  const p = Number(stat.slice(1)) / 100;
  const periodMs = Math.max(60, period) * 1000;
  const stepMs = periodMs > 3_600_000 ? 300_000 : 60_000;
  const out: { timestamp: number; value: number }[] = [];
  for (let t = Math.ceil(from / periodMs) * periodMs; t + periodMs <= to + 1; t += periodMs) {
    const samples: number[] = [];
    for (let s = t; s < t + periodMs; s += stepMs) samples.push(cpuAt(profile, s));
    samples.sort((a, b) => a - b);
    const value = samples[Math.min(samples.length - 1, Math.max(0, Math.ceil(p * samples.length) - 1))]!;
    out.push({ timestamp: t, value });
  }
  return out;
}
