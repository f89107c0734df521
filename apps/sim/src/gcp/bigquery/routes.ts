import { createHash } from 'node:crypto';
import { paginate } from '../../core/paginate.ts';
import { GcpError, notFound } from '../errors.ts';
import { findProject } from '../estate.ts';
import { intParam, ok, type GcpCall, type GcpRoute } from '../route.ts';
import { billingRows } from './billing-table.ts';
import { discoveryRoutes } from './discovery.ts';
import { executeQuery, type QueryResult } from './sql-execute.ts';
import { queryError } from './sql-lexer.ts';
import { parseQuery } from './sql-parser.ts';
import { queryParameters } from './query-parameters.ts';
import { SqlDate, SqlTimestamp, type Value } from './values.ts';

interface StoredResult extends QueryResult {
  project: string;
  jobId: string;
  query: string;
  createdMs: number;
}

function encodeCell(v: Value, type: string, int64Timestamps: boolean): string | null {
  if (v === null) return null;
  if (v instanceof SqlDate)
    return type === 'TIMESTAMP' ? encodeCell(new SqlTimestamp(v.ms), type, int64Timestamps) : v.iso;
  if (v instanceof SqlTimestamp) {
    if (type === 'DATE') return new Date(v.ms).toISOString().slice(0, 10);
    return int64Timestamps
      ? String(v.ms * 1000)
      : (v.ms / 1000).toExponential().replace('e+', 'E').replace('e-', 'E-');
  }
  if (typeof v === 'number' && type === 'INTEGER') return String(Math.trunc(v));
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Resolves the FROM table to the billing export, or BigQuery's 404. */
function checkTable(call: GcpCall, parts: string[], body: Record<string, unknown>): Set<string> {
  const billing = call.estate.billing;
  const defaults = (body['defaultDataset'] ?? {}) as Record<string, unknown>;
  const requestProject = call.params['project']!;
  let project: string;
  let dataset: string;
  let table: string;
  if (parts.length === 3) [project, dataset, table] = parts as [string, string, string];
  else if (parts.length === 2)
    [project, dataset, table] = [String(defaults['projectId'] ?? requestProject), parts[0]!, parts[1]!];
  else if (parts.length === 1 && typeof defaults['datasetId'] === 'string')
    [project, dataset, table] = [
      String(defaults['projectId'] ?? requestProject),
      defaults['datasetId'],
      parts[0]!,
    ];
  else throw queryError(`Table "${parts.join('.')}" must be qualified with a dataset (e.g. dataset.table).`);
  const owner = findProject(call.estate, project)?.projectId;
  if (owner !== billing.project || dataset !== billing.dataset)
    throw notFound(`Not found: Dataset ${project}:${dataset} was not found in location US`);
  if (table !== billing.table)
    throw notFound(`Not found: Table ${project}:${dataset}.${table} was not found in location US`);
  return new Set([table, billing.table]);
}

function resultPage(
  call: GcpCall,
  stored: StoredResult,
  int64Timestamps: boolean,
  maxResults: number | undefined,
  token: string | undefined,
) {
  let page;
  try {
    page = paginate(
      stored.rows,
      { token, requested: maxResults, defaultSize: 100_000, maxSize: 100_000 },
      call.sim.faults.current.pagination,
    );
  } catch {
    throw new GcpError(400, 'invalid', 'Invalid page token.');
  }
  return {
    schema: { fields: stored.fields.map((f) => ({ name: f.name, type: f.type, mode: 'NULLABLE' })) },
    jobReference: { projectId: stored.project, jobId: stored.jobId, location: 'US' },
    totalRows: String(stored.rows.length),
    rows: page.items.length
      ? page.items.map((r) => ({
          f: r.map((v, i) => ({ v: encodeCell(v, stored.fields[i]!.type, int64Timestamps) })),
        }))
      : undefined,
    pageToken: page.nextToken,
    totalBytesProcessed: String(stored.rows.length * 512 + 10_485_760),
    jobComplete: true,
    cacheHit: false,
  };
}

function runQuery(call: GcpCall) {
  const project = findProject(call.estate, call.params['project']!);
  if (!project)
    throw new GcpError(
      403,
      'accessDenied',
      `Access Denied: Project ${call.params['project']}: User does not have bigquery.jobs.create permission in project ${call.params['project']}.`,
    );
  const body = call.body();
  const sql = body['query'];
  if (typeof sql !== 'string' || sql.trim() === '')
    throw new GcpError(400, 'required', 'Required parameter is missing: query');
  if (body['useLegacySql'] !== false && sql.includes('`')) {
    throw queryError(
      'Invalid table name: the query uses standard SQL syntax [Try using standard SQL (https://cloud.google.com/bigquery/docs/reference/standard-sql/enabling-standard-sql)].',
    );
  }
  const query = parseQuery(sql);
  const qualifiers = checkTable(call, query.from.parts, body);
  if (query.from.alias) qualifiers.add(query.from.alias);
  const result = executeQuery({
    query,
    rows: billingRows(call.estate),
    qualifiers,
    params: queryParameters(body),
    now: call.now,
  });
  const hash = createHash('sha256')
    .update(`${sql}/${call.now}/${++call.estate.querySeq}`)
    .digest('base64url');
  const stored: StoredResult = {
    ...result,
    project: project.projectId,
    jobId: `job_${hash.slice(0, 27)}`,
    query: sql,
    createdMs: call.now,
  };
  if (body['dryRun'] !== true) {
    call.estate.queryResults.set(stored.jobId, stored);
    if (call.estate.queryResults.size > 200)
      call.estate.queryResults.delete(call.estate.queryResults.keys().next().value!);
  }
  const formatOptions = (body['formatOptions'] ?? {}) as Record<string, unknown>;
  const maxResults = typeof body['maxResults'] === 'number' ? body['maxResults'] : undefined;
  const page = resultPage(call, stored, formatOptions['useInt64Timestamp'] === true, maxResults, undefined);
  if (body['dryRun'] === true)
    return ok({
      kind: 'bigquery#queryResponse',
      schema: page.schema,
      jobComplete: true,
      totalBytesProcessed: page.totalBytesProcessed,
      cacheHit: false,
    });
  return ok({ kind: 'bigquery#queryResponse', ...page, queryId: stored.jobId.replace('job_', 'q_') });
}

function requireJob(call: GcpCall): StoredResult {
  const stored = call.estate.queryResults.get(call.params['jobId'] ?? '') as StoredResult | undefined;
  if (!stored || findProject(call.estate, call.params['project']!)?.projectId !== stored.project) {
    throw notFound(`Not found: Job ${call.params['project']}:US.${call.params['jobId']}`);
  }
  return stored;
}

const prefix = '/bigquery/v2/projects/{project}';

/** BigQuery v2: jobs.query over the billing export, getQueryResults, jobs.get (and the discovery routes). */
export const bigqueryRoutes: GcpRoute[] = [
  ...discoveryRoutes,
  {
    method: 'POST',
    path: `${prefix}/queries`,
    service: 'bigquery',
    operation: 'jobs.query',
    handle: runQuery,
  },
  {
    method: 'GET',
    path: `${prefix}/queries/{jobId}`,
    service: 'bigquery',
    operation: 'jobs.getQueryResults',
    handle(call) {
      const stored = requireJob(call);
      const page = resultPage(
        call,
        stored,
        call.query.get('formatOptions.useInt64Timestamp') === 'true',
        intParam(call.query, 'maxResults'),
        call.query.get('pageToken') || undefined,
      );
      return ok({ kind: 'bigquery#getQueryResultsResponse', etag: stored.jobId.slice(4, 20), ...page });
    },
  },
  {
    method: 'GET',
    path: `${prefix}/jobs/{jobId}`,
    service: 'bigquery',
    operation: 'jobs.get',
    handle(call) {
      const s = requireJob(call);
      return ok({
        kind: 'bigquery#job',
        id: `${s.project}:US.${s.jobId}`,
        selfLink: `${call.base}/bigquery/v2/projects/${s.project}/jobs/${s.jobId}?location=US`,
        user_email: 'escher-sim@example.com',
        configuration: {
          query: { query: s.query, useLegacySql: false, priority: 'INTERACTIVE' },
          jobType: 'QUERY',
        },
        jobReference: { projectId: s.project, jobId: s.jobId, location: 'US' },
        statistics: {
          creationTime: String(s.createdMs),
          startTime: String(s.createdMs),
          endTime: String(s.createdMs + 180),
          totalBytesProcessed: String(s.rows.length * 512 + 10_485_760),
          query: {
            totalBytesProcessed: String(s.rows.length * 512 + 10_485_760),
            cacheHit: false,
            statementType: 'SELECT',
          },
        },
        status: { state: 'DONE' },
      });
    },
  },
];
