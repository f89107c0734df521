import { randomUUID } from 'node:crypto';
import type { SimResponse } from '../../core/http.ts';
import { InvalidPageToken, paginate } from '../../core/paginate.ts';
import { AzureError, type AzureErrorDetail } from '../arm/errors.ts';
import { jsonBody, ok, type ArmRequest } from '../arm/request.ts';
import { evaluate, type Evaluated } from './evaluate.ts';
import { materialise, TEXT_COLUMNS } from './rows.ts';
import { KqlError, parseKql, type KqlQuery } from './kql.ts';

function supportInfo(): string {
  return `Please provide below info when asking for support: timestamp = ${new Date().toISOString()}, correlationId = ${randomUUID()}.`;
}

function badRequest(details: AzureErrorDetail[]): AzureError {
  return new AzureError(400, 'BadRequest', supportInfo(), details);
}

const INVALID_QUERY = {
  code: 'InvalidQuery',
  message:
    'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.',
};

function parse(text: string): KqlQuery {
  try {
    return parseKql(text);
  } catch (error) {
    if (!(error instanceof KqlError)) throw error;
    const before = text.slice(0, error.position);
    const line = before.split('\n').length;
    const column = error.position - (before.lastIndexOf('\n') + 1);
    throw badRequest([
      INVALID_QUERY,
      {
        code: 'ParserFailure',
        message: `ParserFailure: ${error.message}`,
        line,
        characterPositionInLine: column,
        token: error.token,
      },
    ]);
  }
}

function integerOption(
  options: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = options[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badRequest([
      {
        code: 'InvalidRequestParameter',
        message: `The value of '${name}' must be an integer between ${min} and ${max}.`,
      },
    ]);
  }
  return value;
}

const SNAPSHOTS = 16;

/**
 * A first page evaluates the query afresh; `$skipToken` pages reuse that evaluation, so a paging
 * session reads one consistent snapshot (Resource Graph itself lags writes by seconds) and a
 * 100,000-resource estate is not re-scanned per page.
 */
function snapshot(
  rc: ArmRequest,
  text: string,
  scope: ReadonlySet<string>,
  continuation: boolean,
  run: () => Evaluated,
): Evaluated {
  const key = `${[...scope].sort().join(',')}|${text}`;
  const cached = rc.session.graph.get(key);
  if (continuation && cached && cached.az === rc.az) return cached.value as Evaluated;
  const value = run();
  rc.session.graph.delete(key);
  rc.session.graph.set(key, { az: rc.az, value });
  while (rc.session.graph.size > SNAPSHOTS) rc.session.graph.delete(rc.session.graph.keys().next().value!);
  return value;
}

/**
 * POST /providers/Microsoft.ResourceGraph/resources: a KQL query over the subscriptions asked for
 * (all of them when none are named), paged with `$top` / `$skip` / `$skipToken`, as objectArray
 * (default) or table.
 */
export function queryResources(rc: ArmRequest): SimResponse {
  const body = jsonBody(rc);
  const text = body['query'];
  if (typeof text !== 'string' || text.trim() === '')
    throw badRequest([INVALID_QUERY, { code: 'MissingQuery', message: 'The query is missing.' }]);
  const query = parse(text);
  const options = (
    typeof body['options'] === 'object' && body['options'] !== null ? body['options'] : {}
  ) as Record<string, unknown>;
  const top = integerOption(options, '$top', 1, 1000);
  const skip = integerOption(options, '$skip', 0, 1_000_000) ?? 0;
  const token = typeof options['$skipToken'] === 'string' ? options['$skipToken'] : undefined;
  const format = String(options['resultFormat'] ?? 'objectArray');
  const asked = Array.isArray(body['subscriptions'])
    ? (body['subscriptions'] as unknown[]).map((s) => String(s).toLowerCase())
    : undefined;
  const known = new Set(rc.az.subscriptions.map((s) => s.subscriptionId));
  const scope = new Set(asked ? asked.filter((s) => known.has(s)) : known);

  const result = snapshot(rc, text, scope, token !== undefined, () =>
    evaluate(rc.az, rc.ctx.clock, query, scope),
  );
  const all = result.rows.slice(skip);
  let page;
  try {
    page = paginate(
      all,
      { token, requested: top, defaultSize: 100, maxSize: 1000 },
      rc.ctx.faults.current.pagination,
    );
  } catch (error) {
    if (error instanceof InvalidPageToken)
      throw badRequest([
        { code: 'InvalidSkipToken', message: `The skip token '${error.token}' is invalid.` },
      ]);
    throw error;
  }
  const objects = page.items.map((row) => materialise(row, result.columns));
  const data =
    format.toLowerCase() === 'table'
      ? {
          columns: result.columns.map((name) => ({
            name,
            type: TEXT_COLUMNS.has(name)
              ? 'string'
              : name === 'count_' || name === 'Count'
                ? 'integer'
                : 'object',
          })),
          rows: objects.map((o) => result.columns.map((c) => o[c])),
        }
      : objects;
  const response: Record<string, unknown> = {
    totalRecords: result.rows.length,
    count: page.items.length,
    data,
    facets: [],
    resultTruncated: 'false',
  };
  if (page.nextToken) response['$skipToken'] = page.nextToken;
  return ok(response);
}
