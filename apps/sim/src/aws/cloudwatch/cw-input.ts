import type { AwsCall } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import type { QueryParams } from '../protocol/query-params.ts';
import type { Dimension, MetricRef } from './metric-source.ts';

/**
 * CloudWatch requests arrive as awsQuery forms (awscli 2.9, older SDKs: `Dimensions.member.1.Name`,
 * ISO 8601 times) or awsJson1_0 bodies (SDK ≥ 3.949, botocore: nested objects, epoch-second
 * times). These readers turn both into the same plain request objects.
 */

export interface StatisticsRequest {
  metric: MetricRef;
  start: number;
  end: number;
  period: number | undefined;
  statistics: string[];
  extendedStatistics: string[];
  unit: string | undefined;
}

export interface DataQuery {
  id: string;
  label: string | undefined;
  returnData: boolean;
  expression: string | undefined;
  stat: { metric: MetricRef; period: number | undefined; stat: string; unit: string | undefined } | undefined;
}

export interface DataRequest {
  queries: DataQuery[];
  start: number;
  end: number;
  scanBy: string;
  maxDatapoints: number | undefined;
  nextToken: string | undefined;
}

export interface ListMetricsRequest {
  namespace: string | undefined;
  metricName: string | undefined;
  dimensions: { name: string; value: string | undefined }[];
  nextToken: string | undefined;
}

type Json = Record<string, unknown>;

export function readStatisticsRequest(call: AwsCall): StatisticsRequest {
  if (call.protocol === 'json') {
    const b = call.body;
    return {
      metric: jsonMetric(b),
      start: jsonTime(b, 'StartTime'),
      end: jsonTime(b, 'EndTime'),
      period: jsonInt(b, 'Period'),
      statistics: jsonStrings(b, 'Statistics'),
      extendedStatistics: jsonStrings(b, 'ExtendedStatistics'),
      unit: jsonString(b, 'Unit'),
    };
  }
  const p = call.params;
  return {
    metric: queryMetric(p),
    start: queryTime(p, 'StartTime'),
    end: queryTime(p, 'EndTime'),
    period: p.int('Period'),
    statistics: p.members('Statistics'),
    extendedStatistics: p.members('ExtendedStatistics'),
    unit: p.get('Unit'),
  };
}

export function readDataRequest(call: AwsCall): DataRequest {
  if (call.protocol === 'json') {
    const b = call.body;
    const raw = b['MetricDataQueries'];
    if (raw !== undefined && !Array.isArray(raw)) throw invalid('MetricDataQueries');
    const queries = ((raw ?? []) as unknown[]).map((q) => {
      if (!q || typeof q !== 'object') throw invalid('MetricDataQueries');
      const query = q as Json;
      const stat = query['MetricStat'] as Json | undefined;
      return {
        id: requireString(jsonString(query, 'Id'), 'MetricDataQueries.member.Id'),
        label: jsonString(query, 'Label'),
        returnData: query['ReturnData'] === undefined ? true : query['ReturnData'] === true,
        expression: jsonString(query, 'Expression'),
        stat: stat
          ? {
              metric: jsonMetric((stat['Metric'] as Json | undefined) ?? {}),
              period: jsonInt(stat, 'Period'),
              stat: requireString(jsonString(stat, 'Stat'), 'MetricStat.Stat'),
              unit: jsonString(stat, 'Unit'),
            }
          : undefined,
      };
    });
    return {
      queries,
      start: jsonTime(b, 'StartTime'),
      end: jsonTime(b, 'EndTime'),
      scanBy: jsonString(b, 'ScanBy') ?? 'TimestampDescending',
      maxDatapoints: jsonInt(b, 'MaxDatapoints'),
      nextToken: jsonString(b, 'NextToken'),
    };
  }
  const p = call.params;
  return {
    queries: p.structs('MetricDataQueries.member').map((q) => {
      const hasStat = q.keys().some((k) => k.startsWith('MetricStat.'));
      return {
        id: q.require('Id'),
        label: q.get('Label'),
        returnData: q.get('ReturnData') === undefined ? true : q.bool('ReturnData') === true,
        expression: q.get('Expression'),
        stat: hasStat
          ? {
              metric: queryMetric(q, 'MetricStat.Metric.'),
              period: q.int('MetricStat.Period'),
              stat: q.require('MetricStat.Stat'),
              unit: q.get('MetricStat.Unit'),
            }
          : undefined,
      };
    }),
    start: queryTime(p, 'StartTime'),
    end: queryTime(p, 'EndTime'),
    scanBy: p.get('ScanBy') ?? 'TimestampDescending',
    maxDatapoints: p.int('MaxDatapoints'),
    nextToken: p.get('NextToken'),
  };
}

export function readListMetricsRequest(call: AwsCall): ListMetricsRequest {
  if (call.protocol === 'json') {
    const b = call.body;
    return {
      namespace: jsonString(b, 'Namespace'),
      metricName: jsonString(b, 'MetricName'),
      dimensions: jsonDimensions(b).map((d) => ({ name: d.name, value: d.value || undefined })),
      nextToken: jsonString(b, 'NextToken'),
    };
  }
  const p = call.params;
  return {
    namespace: p.get('Namespace'),
    metricName: p.get('MetricName'),
    dimensions: p
      .structs('Dimensions.member')
      .map((d) => ({ name: d.require('Name'), value: d.get('Value') })),
    nextToken: p.get('NextToken'),
  };
}

function queryMetric(p: QueryParams, prefix = ''): MetricRef {
  return {
    namespace: p.require(`${prefix}Namespace`),
    metricName: p.require(`${prefix}MetricName`),
    dimensions: p
      .structs(`${prefix}Dimensions.member`)
      .map((d) => ({ name: d.require('Name'), value: d.require('Value') })),
  };
}

function jsonMetric(b: Json): MetricRef {
  return {
    namespace: requireString(jsonString(b, 'Namespace'), 'Namespace'),
    metricName: requireString(jsonString(b, 'MetricName'), 'MetricName'),
    dimensions: jsonDimensions(b),
  };
}

function jsonDimensions(b: Json): Dimension[] {
  const raw = b['Dimensions'];
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw invalid('Dimensions');
  return raw.map((d) => {
    if (!d || typeof d !== 'object') throw invalid('Dimensions');
    const dim = d as Json;
    return {
      name: requireString(jsonString(dim, 'Name'), 'Dimensions.member.Name'),
      value: jsonString(dim, 'Value') ?? '',
    };
  });
}

function queryTime(p: QueryParams, name: string): number {
  return parseTime(p.require(name), name);
}

function jsonTime(b: Json, name: string): number {
  const value = b[name];
  if (value === undefined || value === null) throw missing(name);
  if (typeof value === 'number') return value * 1000;
  if (typeof value === 'string') return parseTime(value, name);
  throw invalid(name);
}

/** ISO 8601 (what awsQuery sends) or epoch seconds. */
function parseTime(text: string, name: string): number {
  const trimmed = text.trim();
  const ms = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed);
  if (!Number.isFinite(ms))
    throw new AwsError('InvalidParameterValue', `The parameter ${name} must be a valid ISO 8601 timestamp.`);
  return ms;
}

function jsonString(b: Json, name: string): string | undefined {
  const value = b[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(name);
  return value;
}

function jsonInt(b: Json, name: string): number | undefined {
  const value = b[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(name);
  return value;
}

function jsonStrings(b: Json, name: string): string[] {
  const value = b[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw invalid(name);
  return value as string[];
}

function requireString(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw missing(name);
  return value;
}

function missing(name: string): AwsError {
  return new AwsError('MissingParameter', `The parameter ${name} is required.`);
}

function invalid(name: string): AwsError {
  return new AwsError('InvalidParameterValue', `The parameter ${name} has an invalid value.`);
}
