import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { members, xmlList } from '../protocol/xml.ts';
import { readStatisticsRequest } from './cw-input.ts';
import { profileOf } from './metric-source.ts';
import { checkPeriod, isStatistic, statisticSeries } from './series.ts';

/** Most datapoints one GetMetricStatistics call may ask for. */
const MAX_DATAPOINTS = 1440;

/**
 * GetMetricStatistics: datapoints of one metric (AWS/EC2 or AWS/RDS CPUUtilization), one per
 * period, with every requested statistic. Answers in the protocol it was asked in: awsQuery XML
 * (`Datapoints/member`, ISO times) or JSON (epoch-second `Timestamp`s).
 */
export const getMetricStatistics: AwsOperation = {
  name: 'GetMetricStatistics',
  handle: (call) => {
    const request = readStatisticsRequest(call);
    const period = checkPeriod(request.period);
    const { statistics, extendedStatistics } = request;
    if ((statistics.length === 0) === (extendedStatistics.length === 0)) {
      throw new AwsError(
        'InvalidParameterCombination',
        'Must specify either Statistics or ExtendedStatistics, but not both.',
      );
    }
    for (const s of statistics) {
      if (!isStatistic(s) || s.startsWith('p')) {
        throw new AwsError(
          'InvalidParameterValue',
          `The parameter Statistics.member.1 must be a value in the set [ SampleCount, Average, Sum, Minimum, Maximum ].`,
        );
      }
    }
    for (const s of extendedStatistics) {
      if (!isStatistic(s) || !s.startsWith('p'))
        throw new AwsError(
          'InvalidParameterValue',
          `The parameter ExtendedStatistics has an invalid value: ${s}`,
        );
    }
    if (request.start >= request.end) {
      throw new AwsError(
        'InvalidParameterValue',
        'The parameter StartTime must be less than the parameter EndTime.',
      );
    }
    const requested = Math.ceil((request.end - request.start) / (period * 1000));
    if (requested > MAX_DATAPOINTS) {
      throw new AwsError(
        'InvalidParameterCombination',
        `You have requested up to ${requested.toLocaleString('en-US')} datapoints, which exceeds the limit of ${MAX_DATAPOINTS.toLocaleString('en-US')}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
      );
    }
    const profile = profileOf(call.regionState, request.metric);
    const unitMatches = request.unit === undefined || request.unit === 'Percent';
    const now = call.sim.clock.now();
    const byTime = new Map<number, Record<string, number>>();
    if (profile && unitMatches) {
      for (const stat of [...statistics, ...extendedStatistics]) {
        for (const point of statisticSeries(profile, stat, request.start, request.end, period, now)) {
          const row = byTime.get(point.timestamp) ?? {};
          row[stat] = point.value;
          byTime.set(point.timestamp, row);
        }
      }
    }
    const points = [...byTime.entries()].sort(([a], [b]) => a - b);
    const json = call.protocol === 'json';
    const datapoints = points.map(([timestamp, row]) => {
      const plain = Object.fromEntries(statistics.map((s) => [s, row[s]]));
      const extended =
        extendedStatistics.length > 0
          ? Object.fromEntries(extendedStatistics.map((s) => [s, row[s]]))
          : undefined;
      return {
        Timestamp: json ? timestamp / 1000 : new Date(timestamp),
        ...plain,
        Unit: 'Percent',
        ExtendedStatistics:
          extended && !json
            ? xmlList(
                'entry',
                Object.entries(extended).map(([key, value]) => ({ key, value })),
              )
            : extended,
      };
    });
    return { Label: request.metric.metricName, Datapoints: json ? datapoints : members(datapoints) };
  },
};
