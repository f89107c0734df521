import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  DAEMON_WS_PROTOCOL,
  DAEMON_WS_TOKEN_PREFIX,
  toEscherError,
  type DaemonEventMessage,
  type ExecutionStreamMessage,
} from '@escher/protocol';
import type { DaemonExecutions } from './daemon-executions.ts';
import type { DaemonLog } from './error-handler.ts';
import type { SyncJobs } from './sync-jobs.ts';
import { httpStatusOf, httpUserError } from './http-error.ts';
import { checkHost, checkOrigin, checkToken } from './security.middleware.ts';

/** What the WebSocket streams need from the daemon. */
export interface EventStreamOptions {
  port: number;
  token: string;
  tokenFile: string;
  executions: DaemonExecutions;
  /** The daemon's syncs: their progress goes out on `/api/v1/events` too. */
  syncs?: Pick<SyncJobs, 'subscribe'>;
  log: DaemonLog;
  /**
   * How often a stream looks at the store for events of a run applied by another process (a
   * foreground `escher run`); runs of this daemon are pushed by its event bus at once.
   */
  pollMs?: number;
}

/** The streams attached to a server. */
export interface EventStreams {
  /** Closes every open stream (1001, going away). */
  close(): void;
}

const EXECUTION_EVENTS = /^\/api\/v1\/executions\/([^/]+)\/events$/;

/**
 * WebSocket streams of execution events on the daemon's server: `GET /api/v1/executions/{id}/events`
 * (stored events after `since`, then live ones, then `end` with the final record) and
 * `GET /api/v1/events` (every live event of the runs this daemon applies and of the syncs it runs).
 * The upgrade passes the
 * same checks as every HTTP route — Host, Origin / Sec-Fetch-Site, then the token, taken from the
 * `escher.token.<token>` subprotocol (browsers cannot set `Authorization` on a WebSocket) or
 * `?token=` — and a refusal answers the usual error body with its HTTP status, before any upgrade.
 */
export function attachEventStreams(server: Server, options: EventStreamOptions): EventStreams {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 4096,
    handleProtocols: (protocols) => (protocols.has(DAEMON_WS_PROTOCOL) ? DAEMON_WS_PROTOCOL : false),
  });
  // Each open execution stream's pump, so shutdown can flush what the last runs emitted.
  const pumps = new Map<WebSocket, () => void>();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client that hangs up mid-handshake must not take the daemon down.
    socket.on('error', () => socket.destroy());
    let route: (ws: WebSocket) => (() => void) | undefined;
    try {
      route = authorise(req, options);
    } catch (error) {
      refuse(socket, error, options.log);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const pump = route(ws);
      if (!pump) return;
      pumps.set(ws, pump);
      ws.once('close', () => pumps.delete(ws));
    });
  });
  return {
    close() {
      for (const pump of pumps.values()) pump();
      for (const ws of wss.clients) ws.close(1001, 'the daemon is stopping');
      wss.close();
    },
  };
}

function authorise(
  req: IncomingMessage,
  options: EventStreamOptions,
): (ws: WebSocket) => (() => void) | undefined {
  checkHost(req.headers.host, options.port);
  checkOrigin(header(req, 'origin'), header(req, 'sec-fetch-site'), options.port);
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${options.port}`);
  const offered = (header(req, 'sec-websocket-protocol') ?? '').split(',').map((p) => p.trim());
  const fromProtocol = offered.find((p) => p.startsWith(DAEMON_WS_TOKEN_PREFIX));
  checkToken(
    fromProtocol?.slice(DAEMON_WS_TOKEN_PREFIX.length) ?? url.searchParams.get('token') ?? undefined,
    options.token,
    options.tokenFile,
  );
  if (url.pathname === '/api/v1/events') {
    return (ws) => {
      streamAll(ws, options.executions, options.syncs);
      return undefined;
    };
  }
  const match = EXECUTION_EVENTS.exec(url.pathname);
  if (!match) {
    throw httpUserError(
      404,
      'route-not-found',
      `No WebSocket at ${url.pathname}`,
      'Streams: /api/v1/executions/{id}/events and /api/v1/events',
    );
  }
  const since = Number(url.searchParams.get('since') ?? '0');
  if (!Number.isInteger(since) || since < 0) {
    throw httpUserError(400, 'invalid-request', 'Invalid query: since must be an integer ≥ 0');
  }
  // Unknown ids answer 404 here, before the upgrade, like the HTTP route.
  const { executionId } = options.executions.events(
    decodeURIComponent(match[1] as string),
    Number.MAX_SAFE_INTEGER,
  );
  return (ws) => streamExecution(ws, options.executions, executionId, since, options.pollMs ?? 250);
}

/**
 * Stored events first, then each new one, then `end`. Every push re-reads the store after the
 * last sequence sent, so replayed and live events never overlap or leave a gap, whichever
 * process applies the run. Returns the push, for shutdown to flush the last events.
 */
function streamExecution(
  ws: WebSocket,
  executions: DaemonExecutions,
  executionId: string,
  since: number,
  pollMs: number,
): () => void {
  let seq = since;
  let lastKind: { kind: string; text: string } | undefined;
  let finalSeen = false;
  let scheduled = false;
  const pump = (): void => {
    if (ws.readyState !== ws.OPEN) return;
    try {
      for (const event of executions.table.eventsAfter(executionId, seq)) {
        seq = event.seq;
        lastKind = { kind: event.kind, text: event.text };
        send(ws, { type: 'event', event });
      }
      // The state alone (one row) on every push; the full record only for `end`.
      const { state } = executions.table.owner(executionId);
      if (!executions.isFinal(state)) return;
      // The run's last event ("state: succeeded") follows its final state; one that lives in
      // another process may not have stored it yet, so a stream waits one poll for it.
      const lastIsFinal = lastKind?.kind === 'state' && lastKind.text === state;
      if (!lastIsFinal && !finalSeen) {
        finalSeen = true;
        return;
      }
      const record = executions.table.get(executionId);
      send(ws, { type: 'end', execution: record });
      stop();
      ws.close(1000, record.state);
    } catch (error) {
      send(ws, { type: 'error', error: toEscherError(error).toBody().error });
      stop();
      ws.close(1011, 'stream failed');
    }
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      pump();
    });
  };
  const unsubscribe = executions.subscribe((event) => {
    if (event.executionId === executionId) schedule();
  });
  const timer = setInterval(pump, pollMs);
  const stop = (): void => {
    clearInterval(timer);
    unsubscribe();
  };
  ws.on('close', stop);
  ws.on('error', stop);
  pump();
  return pump;
}

function streamAll(
  ws: WebSocket,
  executions: DaemonExecutions,
  syncs: Pick<SyncJobs, 'subscribe'> | undefined,
): void {
  const push = (message: DaemonEventMessage): void => {
    if (ws.readyState === ws.OPEN) send(ws, message);
  };
  const offExecutions = executions.subscribe((event) => push({ type: 'event', event }));
  const offSyncs = syncs?.subscribe((event) => push({ type: 'sync', event }));
  const unsubscribe = (): void => {
    offExecutions();
    offSyncs?.();
  };
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
}

function send(ws: WebSocket, message: ExecutionStreamMessage | DaemonEventMessage): void {
  ws.send(JSON.stringify(message));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Answers a refused upgrade with the daemon's error body and status, then drops the socket. */
function refuse(socket: Duplex, error: unknown, log: DaemonLog): void {
  const escher = toEscherError(error);
  const status = httpStatusOf(escher);
  if (escher.kind === 'unexpected') log(`websocket upgrade: ${escher.stack ?? escher.message}`);
  const body = JSON.stringify(
    escher.kind === 'unexpected'
      ? { error: { code: 'unexpected', message: 'The daemon hit an unexpected error' } }
      : escher.toBody(),
  );
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
