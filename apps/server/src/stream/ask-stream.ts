import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { toEscherError, type AskStreamMessage } from '@escher/protocol';
import { parseJson, type IntelligenceServer } from '../create-server.ts';
import { httpStatusOf } from '../http/http-error.ts';

/** The streaming endpoint's path. */
export const ASK_STREAM_PATH = '/v1/ask/stream';

/**
 * `/v1/ask/stream`: the upgrade is admitted like a REST call (key, rate limit) and refused with
 * a plain HTTP answer otherwise; the client then sends one AskRequest and receives the answer's
 * text chunks, then the component tree, then the digest, then the full result, and the server
 * closes. Messages over the body limit close the socket with 1009 (message too big).
 */
export function createAskStream(server: IntelligenceServer): {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
} {
  const wss = new WebSocketServer({ noServer: true, maxPayload: server.limits.bodyBytes });
  wss.on('connection', (ws: WebSocket) => {
    // ws closes the socket itself (1009 over maxPayload, 1002 on a protocol error); an unheard
    // 'error' would take the whole process down.
    ws.on('error', (error) => server.log(`${ASK_STREAM_PATH}: closed on ${error.name}`));
    ws.once('message', async (data, isBinary) => {
      try {
        const body = parseJson(isBinary ? '' : data.toString());
        const { response, textChunks } = await server.answer(body);
        for (const chunk of textChunks) send(ws, { type: 'text', text: chunk });
        send(ws, { type: 'components', components: response.components });
        send(ws, { type: 'digest', digest: response.digest });
        send(ws, { type: 'result', result: response });
        ws.close(1000, 'done');
      } catch (error) {
        const escher = toEscherError(error);
        const shown =
          escher.kind === 'unexpected'
            ? { code: 'unexpected', message: 'The server hit an unexpected error' }
            : escher.toBody().error;
        if (escher.kind === 'unexpected') server.log(`${ASK_STREAM_PATH}: unexpected ${escher.name}`);
        send(ws, { type: 'error', error: shown });
        ws.close(1008, shown.code);
      }
    });
  });
  return {
    handleUpgrade(req, socket, head) {
      try {
        server.admit(req.headers.authorization);
      } catch (error) {
        const e = toEscherError(error);
        const status = httpStatusOf(e);
        const retry = e.details?.['retryAfterSeconds'];
        const body = JSON.stringify(e.toBody());
        socket.end(
          `HTTP/1.1 ${status} ${status === 429 ? 'Too Many Requests' : 'Unauthorized'}\r\n` +
            'Content-Type: application/json\r\nConnection: close\r\n' +
            (typeof retry === 'number' ? `Retry-After: ${retry}\r\n` : '') +
            `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
        server.log(`GET ${ASK_STREAM_PATH} ${status}`);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        server.log(`GET ${ASK_STREAM_PATH} 101`);
        wss.emit('connection', ws, req);
      });
    },
    close: () => wss.close(),
  };
}

function send(ws: WebSocket, message: AskStreamMessage): void {
  ws.send(JSON.stringify(message));
}
