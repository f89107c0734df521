import { paginate } from '../../core/paginate.ts';
import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { members } from '../protocol/xml.ts';
import { readDataRequest, type DataQuery } from './cw-input.ts';
import { profileOf } from './metric-source.ts';
import { checkPeriod, isStatistic, statisticSeries } from './series.ts';

const DEFAULT_MAX_DATAPOINTS = 100_800;
const ID = /^[a-z][a-zA-Z0-9_]*$/;

interface Point {
  query: number;
  timestamp: number;
  value: number;
}

/**
 * GetMetricData: `MetricStat` queries (up to 500) over one time range, ordered by `ScanBy`, paged
 * by `MaxDatapoints` / `NextToken` across all queries' points (through core/paginate, so
 * pagination faults apply). Math `Expression`s are not evaluated: such a query answers no
 * values and an `InternalError` status with a message saying so. Answers in the protocol it was
 * asked in (JSON timestamps are epoch seconds).
 */
export const getMetricData: AwsOperation = {
  name: 'GetMetricData',
  handle: (call) => {
    const request = readDataRequest(call);
    const { queries } = request;
    if (queries.length === 0)
      throw new AwsError('MissingParameter', 'The parameter MetricDataQueries is required.');
    if (queries.length > 500)
      throw new AwsError(
        'InvalidParameterValue',
        'The collection MetricDataQueries must not have a size greater than 500.',
      );
    validate(queries);
    if (request.start >= request.end) {
      throw new AwsError(
        'InvalidParameterValue',
        'The parameter StartTime must be less than the parameter EndTime.',
      );
    }
    if (request.scanBy !== 'TimestampDescending' && request.scanBy !== 'TimestampAscending') {
      throw new AwsError(
        'InvalidParameterValue',
        `The parameter ScanBy must be a value in the set [ TimestampDescending, TimestampAscending ].`,
      );
    }
    const now = call.sim.clock.now();
    const descending = request.scanBy === 'TimestampDescending';
    const all: Point[] = [];
    queries.forEach((q, index) => {
      if (!q.returnData || !q.stat) return;
      const profile = profileOf(call.regionState, q.stat.metric);
      if (!profile || (q.stat.unit !== undefined && q.stat.unit !== 'Percent')) return;
      const series = statisticSeries(profile, q.stat.stat, request.start, request.end, q.stat.period!, now);
      if (descending) series.reverse();
      for (const p of series) all.push({ query: index, timestamp: p.timestamp, value: p.value });
    });
    const max = request.maxDatapoints ?? DEFAULT_MAX_DATAPOINTS;
    if (max < 1)
      throw new AwsError('InvalidParameterValue', 'The parameter MaxDatapoints must be greater than 0.');
    const page = paginate(
      all,
      { token: request.nextToken, requested: max, defaultSize: max, maxSize: DEFAULT_MAX_DATAPOINTS },
      call.sim.faults.current.pagination,
    );
    const lastOfQuery = new Map<number, number>();
    all.forEach((p, i) => lastOfQuery.set(p.query, i));
    const pageEnd = page.nextToken ? all.indexOf(page.items.at(-1)!) : all.length - 1;
    const json = call.protocol === 'json';
    const results = queries
      .map((q, index) => ({ q, index }))
      .filter(({ q }) => q.returnData)
      .map(({ q, index }) => {
        const points = page.items.filter((p) => p.query === index);
        const last = lastOfQuery.get(index);
        const partial = page.nextToken !== undefined && last !== undefined && last > pageEnd;
        const timestamps = points.map((p) => (json ? p.timestamp / 1000 : new Date(p.timestamp)));
        const values = points.map((p) => p.value);
        const unsupported = q.expression !== undefined && !q.stat;
        const messages = unsupported
          ? [{ Code: 'InternalError', Value: 'escher-sim does not evaluate metric math expressions' }]
          : [];
        return {
          Id: q.id,
          Label: q.label ?? q.stat?.metric.metricName ?? q.id,
          Timestamps: json ? timestamps : members(timestamps),
          Values: json ? values : members(values),
          StatusCode: unsupported ? 'InternalError' : partial ? 'PartialData' : 'Complete',
          Messages: json ? messages : members(messages),
        };
      });
    return {
      MetricDataResults: json ? results : members(results),
      NextToken: page.nextToken,
      Messages: json ? [] : members([]),
    };
  },
};

function validate(queries: readonly DataQuery[]): void {
  const ids = new Set<string>();
  for (const q of queries) {
    if (!ID.test(q.id)) {
      throw new AwsError(
        'ValidationError',
        `The value ${q.id} for field Id must start with a lowercase letter and contain only letters, numbers and underscores.`,
      );
    }
    if (ids.has(q.id)) throw new AwsError('ValidationError', `The value ${q.id} for field Id is duplicated.`);
    ids.add(q.id);
    if ((q.stat === undefined) === (q.expression === undefined)) {
      throw new AwsError(
        'ValidationError',
        `Exactly one of MetricStat and Expression must be specified for query ${q.id}.`,
      );
    }
    if (q.stat) {
      checkPeriod(q.stat.period, 'MetricStat.Period');
      if (!isStatistic(q.stat.stat))
        throw new AwsError(
          'InvalidParameterValue',
          `The value ${q.stat.stat} for parameter MetricStat.Stat is invalid.`,
        );
    }
  }
}
