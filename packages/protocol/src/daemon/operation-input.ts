import { z } from 'zod';
import { UserError } from '../errors/escher.error.ts';
import type { DaemonOperation, OperationInput } from './daemon-operations.ts';

/** A request as an HTTP framework hands it over, before validation. */
export interface RawOperationInput {
  /** Every value of every query parameter, in order (`?cloud=aws&cloud=gcp`). */
  query: Readonly<Record<string, readonly string[]>>;
  /** Path parameters, already URL-decoded. */
  params: Readonly<Record<string, string>>;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
}

/**
 * Validates a request against its operation: list-valued query fields take every value of a
 * repeated parameter, the others take the last; numbers are coerced; unknown parameters are
 * refused. Fails with a `UserError` (`invalid-request`, HTTP 400) naming each bad field, so
 * the API answers a typo in `?clod=aws` instead of silently ignoring the filter.
 */
export function parseOperationInput<Op extends DaemonOperation>(
  op: Op,
  raw: RawOperationInput,
): OperationInput<Op> {
  const query = op.query ? check(op.query, flattenQuery(op.query, raw.query), 'query') : {};
  if (!op.query && Object.keys(raw.query).length > 0) {
    throw invalid(`Invalid query: this route takes no parameters (got ${Object.keys(raw.query).join(', ')})`);
  }
  const params = op.params ? check(op.params, raw.params, 'path') : {};
  const body = op.body ? check(op.body, raw.body ?? {}, 'body') : {};
  return { query, params, body } as OperationInput<Op>;
}

function flattenQuery(schema: z.ZodObject, query: RawOperationInput['query']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, values] of Object.entries(query)) {
    const field = schema.shape[key];
    out[key] = field && isList(field) ? [...values] : values[values.length - 1];
  }
  return out;
}

function isList(field: z.ZodType): boolean {
  const inner = field instanceof z.ZodOptional ? field.unwrap() : field;
  return inner instanceof z.ZodArray;
}

function check(schema: z.ZodType, value: unknown, where: 'query' | 'path' | 'body'): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const at = issue.path.length > 0 ? issue.path.join('.') : where;
    return `${at}: ${issue.message}`;
  });
  throw invalid(`Invalid ${where}: ${problems.join('; ')}`);
}

function invalid(message: string): UserError {
  return new UserError('invalid-request', message, {
    hint: 'See GET /api/v1/openapi.json for the parameters each route takes',
    details: { httpStatus: 400 },
  });
}
