import type { z } from 'zod';
import { ErrorBodySchema, OperationalError, UserError } from '../errors/escher.error.ts';
import type { DaemonOperation, OperationRequest, OperationResult } from './daemon-operations.ts';

/** `fetch`, or anything shaped like it (a Hono app's `request` in tests). */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface DaemonClientOptions {
  /** `http://127.0.0.1:7433`. */
  baseUrl: string;
  token: string;
  fetch?: FetchLike;
}

/** Calls the local daemon: typed by the operation, answers validated with its schema. */
export interface DaemonClient {
  call<Op extends DaemonOperation>(op: Op, request?: OperationRequest<Op>): Promise<OperationResult<Op>>;
}

/**
 * A typed client for the daemon's API, shared by the CLI, the web UI and the daemon's tests.
 * Error answers become the same errors the daemon raised (`UserError` for 4xx with its code and
 * hint, `OperationalError` otherwise), so callers handle remote and local failures alike.
 *
 * @example
 * const client = createDaemonClient({ baseUrl: 'http://127.0.0.1:7433', token });
 * const { count } = await client.call(DAEMON_OPERATIONS.listResources, { query: { cloud: ['aws'] } });
 */
export function createDaemonClient(options: DaemonClientOptions): DaemonClient {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  return {
    async call(op, request) {
      const req = (request ?? {}) as {
        query?: Record<string, unknown>;
        params?: Record<string, unknown>;
        body?: unknown;
      };
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        encodeURIComponent(String(req.params?.[name] ?? '')),
      );
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(req.query ?? {})) {
        if (value === undefined) continue;
        for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
      }
      const url = `${options.baseUrl}${path}${search.size > 0 ? `?${search}` : ''}`;
      const headers: Record<string, string> = { authorization: `Bearer ${options.token}` };
      if (req.body !== undefined) headers['content-type'] = 'application/json';
      let response: Response;
      try {
        response = await doFetch(url, {
          method: op.method.toUpperCase(),
          headers,
          ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
        });
      } catch (error) {
        throw new OperationalError('daemon-unreachable', `The daemon at ${options.baseUrl} does not answer`, {
          hint: 'Start it with `escher daemon start`; see `escher daemon status`',
          cause: error,
        });
      }
      const body: unknown = await response.json().catch(() => undefined);
      const schema = (op.responses as Record<number, z.ZodType>)[response.status];
      if (response.ok && schema) return schema.parse(body) as OperationResult<typeof op>;
      throw toClientError(response.status, body);
    },
  };
}

function toClientError(status: number, body: unknown): Error {
  const parsed = ErrorBodySchema.safeParse(body);
  const { code, message, hint } = parsed.success
    ? parsed.data.error
    : { code: 'daemon-bad-answer', message: `The daemon answered HTTP ${status}`, hint: undefined };
  const options = { ...(hint ? { hint } : {}), details: { httpStatus: status } };
  return status >= 400 && status < 500
    ? new UserError(code, message, options)
    : new OperationalError(code, message, options);
}
