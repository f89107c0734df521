import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallLog } from './call-log.ts';
import { isCallInfo, type CloudFrontend, type SimContext } from './frontend.ts';
import { BodyTooLarge, json, readRequest, writeResponse, type SimRequest, type SimResponse } from './http.ts';

export type AdminHandler = (req: SimRequest) => Promise<SimResponse | undefined>;

/**
 * The request pipeline every port runs: read → admin (`/_sim/…`) → identify → faults → handle →
 * log. A handler that throws gets the cloud's own 500 shape, never a dropped connection.
 */
export function createListener(
  frontend: CloudFrontend,
  ctx: SimContext,
  log: CallLog,
  admin: AdminHandler,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void serve(req, res).catch(() => {
      if (!res.headersSent) writeResponse(res, { status: 500, body: 'internal simulator error' }, 'GET');
      else res.destroy();
    });
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const at = Date.now();
    let request: SimRequest;
    try {
      request = await readRequest(req);
    } catch (error) {
      const status = error instanceof BodyTooLarge ? 413 : 400;
      writeResponse(res, { status, body: error instanceof Error ? error.message : 'bad request' }, 'GET');
      return;
    }
    if (request.path.startsWith('/_sim/')) {
      const answer = await admin(request);
      const notFound = json(404, {
        error: { code: 'not-found', message: `No simulator endpoint ${request.method} ${request.path}` },
      });
      writeResponse(res, answer ?? notFound, request.method);
      return;
    }
    const identified = safely(() => frontend.identify(request));
    if (identified instanceof Error) {
      writeResponse(res, { status: 400, body: 'unroutable request' }, request.method);
      return;
    }
    if (!isCallInfo(identified)) {
      writeResponse(res, identified, request.method);
      return;
    }
    const call = identified;
    const decision = ctx.faults.decide(call);
    const latency = ctx.faults.current.latencyMs;
    if (latency > 0) await sleep(latency);
    let response: SimResponse;
    let fault: 'throttle' | 'error' | 'outage' | undefined;
    switch (decision.kind) {
      case 'throttle':
        fault = 'throttle';
        response = frontend.fault(
          { kind: 'throttle', retryAfterSeconds: decision.retryAfterSeconds },
          call,
          request,
        );
        break;
      case 'outage':
        fault = 'outage';
        response = frontend.fault({ kind: 'outage' }, call, request);
        break;
      case 'error':
        fault = 'error';
        response = frontend.fault({ kind: 'error' }, call, request);
        break;
      case 'ok':
        try {
          response = await frontend.handle(request, call);
          if (frontend.decorate) response = frontend.decorate(response, call, decision.remaining);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          response = frontend.fault({ kind: 'internal', message }, call, request);
        }
        break;
    }
    writeResponse(res, response, request.method);
    log.append({
      ...call,
      at,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      status: response.status,
      fault,
      bucket: decision.bucket.key,
    });
  }
}

function safely<T>(fn: () => T): T | Error {
  try {
    return fn();
  } catch (error) {
    return error instanceof Error ? error : new RangeError(String(error));
  }
}
