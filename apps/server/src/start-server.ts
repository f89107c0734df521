import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { OperationalError, UserError } from '@escher/protocol';
import { createServer, type IntelligenceServer, type ServerOptions } from './create-server.ts';
import { ASK_STREAM_PATH, createAskStream } from './stream/ask-stream.ts';

/** The default port of `escher server`. */
export const DEFAULT_SERVER_PORT = 7444;

export interface StartServerOptions extends ServerOptions {
  /** Default 127.0.0.1; `0.0.0.0` to serve a network (behind TLS termination). */
  host?: string;
  /** Default 7444; 0 picks a free port. */
  port?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  server: IntelligenceServer;
  /** Stops accepting, closes open sockets, resolves when the listener is closed. */
  close(): Promise<void>;
}

/**
 * Binds the intelligence server: Hono's node adapter for REST, and `ws` on the same listener for
 * `/v1/ask/stream`. Nothing is written to disk; stopping loses nothing but rate-limit buckets.
 *
 * @example
 * const running = await startServer({ keys, port: 0 });
 * // … later
 * await running.close();
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const server = createServer(options);
  const stream = createAskStream(server);
  const http = createHttpServer(getRequestListener(server.app.fetch, { overrideGlobalObjects: false }));
  http.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname === ASK_STREAM_PATH)
      stream.handleUpgrade(req, socket, head);
    else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  const host = options.host ?? '127.0.0.1';
  const port = await new Promise<number>((resolve, reject) => {
    http.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new UserError('server-port-in-use', `Port ${options.port} on ${host} is already in use`, {
              hint: 'Pick another with --port N (0 picks a free one)',
              cause: error,
            })
          : new OperationalError(
              'server-listen-failed',
              `Cannot listen on ${host}:${options.port}: ${error.message}`,
              {
                cause: error,
              },
            ),
      ),
    );
    http.listen({ host, port: options.port ?? DEFAULT_SERVER_PORT }, () =>
      resolve((http.address() as AddressInfo).port),
    );
  });
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    server,
    close() {
      closing ??= new Promise<void>((resolve) => {
        stream.close();
        http.close(() => resolve());
        http.closeAllConnections();
      });
      return closing;
    },
  };
}
