import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** A request as every frontend sees it: body already read, headers lower-cased. */
export interface SimRequest {
  method: string;
  /** Path without the query string, percent-decoding left to the frontend. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** Largest request body accepted (S3 object puts included). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export async function readRequest(req: IncomingMessage): Promise<SimRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  // A path starting with `//` (Azure SDKs send `//subscriptions/…` for scope parameters) would
  // parse as a protocol-relative URL; keep it a path.
  const raw = req.url ?? '/';
  const url = new URL(raw.startsWith('//') ? raw.replace(/^\/+/, '/') : raw, 'http://sim.invalid');
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body: Buffer.concat(chunks),
  };
}

export class BodyTooLarge extends RangeError {
  constructor() {
    super(`Request body larger than ${MAX_BODY_BYTES} bytes`);
    this.name = 'BodyTooLarge';
  }
}

export function writeResponse(res: ServerResponse, response: SimResponse, method: string): void {
  const body = response.body ?? '';
  const headers: Record<string, string | number> = { ...response.headers };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) {
    headers['content-length'] = Buffer.byteLength(body);
  }
  res.writeHead(response.status, headers);
  res.end(method === 'HEAD' ? undefined : body);
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

/** A header's single value (first of a repeated header). */
export function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
