import { WebSocket } from 'ws';
import {
  DAEMON_WS_PROTOCOL,
  DAEMON_WS_TOKEN_PREFIX,
  ExecutionStreamMessageSchema,
  OperationalError,
  UserError,
  type ExecutionEvent,
  type ExecutionRecord,
} from '@escher/protocol';

/** Where and how to follow one execution over the daemon's WebSocket. */
export interface FollowOptions {
  /** `http://127.0.0.1:7433`. */
  baseUrl: string;
  token: string;
  executionId: string;
  /** Only events after this sequence number (default 0: from the start). */
  since?: number;
  onEvent(event: ExecutionEvent): void;
}

/**
 * Follows an execution over `GET /api/v1/executions/{id}/events` (WebSocket) until the daemon
 * sends `end`, and resolves with the final record. The token travels as a subprotocol, never in
 * the URL (URLs end up in logs). A refused upgrade rejects with the daemon's own error (code and
 * hint); a stream that ends without `end` (the daemon died) rejects with `daemon-stream-lost`.
 */
export function followExecutionViaDaemon(options: FollowOptions): Promise<ExecutionRecord> {
  const url = `${options.baseUrl.replace(/^http/, 'ws')}/api/v1/executions/${encodeURIComponent(options.executionId)}/events?since=${options.since ?? 0}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, [DAEMON_WS_PROTOCOL, `${DAEMON_WS_TOKEN_PREFIX}${options.token}`]);
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      reject(error);
      ws.terminate();
    };
    ws.on('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => fail(refusal(res.statusCode ?? 0, text)));
    });
    ws.on('message', (data: Buffer) => {
      let message;
      try {
        message = ExecutionStreamMessageSchema.parse(JSON.parse(data.toString('utf8')));
      } catch (error) {
        fail(
          new OperationalError('daemon-bad-answer', 'The daemon sent a message this CLI cannot read', {
            cause: error,
          }),
        );
        return;
      }
      if (message.type === 'event') options.onEvent(message.event);
      else if (message.type === 'end') {
        settled = true;
        resolve(message.execution);
        ws.close();
      } else
        fail(
          new OperationalError(
            message.error.code,
            message.error.message,
            message.error.hint ? { hint: message.error.hint } : {},
          ),
        );
    });
    ws.on('error', (error) =>
      fail(
        new OperationalError('daemon-unreachable', `The daemon at ${options.baseUrl} does not answer`, {
          hint: 'Start it with `escher daemon start`; see `escher daemon status`',
          cause: error,
        }),
      ),
    );
    ws.on('close', () =>
      fail(
        new OperationalError(
          'daemon-stream-lost',
          `The daemon closed the stream of ${options.executionId} before it ended`,
          {
            hint: `If the daemon died, restart it: the run shows interrupted (escher executions ${options.executionId})`,
          },
        ),
      ),
    );
  });
}

function refusal(status: number, text: string): Error {
  let error: { code?: string; message?: string; hint?: string } = {};
  try {
    error = (JSON.parse(text) as { error?: typeof error }).error ?? {};
  } catch {
    // Not the daemon's error body: keep the status only.
  }
  const code = error.code ?? 'daemon-bad-answer';
  const message = error.message ?? `The daemon refused the stream (HTTP ${status})`;
  const options = { ...(error.hint ? { hint: error.hint } : {}), details: { httpStatus: status } };
  return status >= 400 && status < 500
    ? new UserError(code, message, options)
    : new OperationalError(code, message, options);
}
