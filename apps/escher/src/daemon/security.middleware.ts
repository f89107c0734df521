import type { MiddlewareHandler } from 'hono';
import { tokensMatch } from './daemon-token.ts';
import { httpUserError } from './http-error.ts';

/**
 * Refuses a request whose `Host` is not this daemon's own address. A web page can point a name
 * it controls at 127.0.0.1 (DNS rebinding) and then call the daemon as "its own" origin; the
 * browser still sends the attacker's name as `Host`, which is what this check catches.
 */
export function hostGuard(port: number): MiddlewareHandler {
  return async (c, next) => {
    checkHost(c.req.header('host'), port);
    await next();
  };
}

/**
 * Refuses cross-origin requests (CSRF): a browser names the page's origin in `Origin` and says
 * where it comes from in `Sec-Fetch-Site`. Requests without either (the CLI, curl, scripts) pass
 * to the token check; a browser page passes only when the daemon served it.
 */
export function originGuard(port: number): MiddlewareHandler {
  return async (c, next) => {
    checkOrigin(c.req.header('origin'), c.req.header('sec-fetch-site'), port);
    await next();
  };
}

/** Requires `Authorization: Bearer <token>`; the token is compared in constant time and never echoed. */
export function bearerAuth(token: string, tokenFile: string): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    try {
      checkToken(match?.[1], token, tokenFile);
    } catch (error) {
      c.header(
        'WWW-Authenticate',
        match?.[1] ? 'Bearer realm="escher", error="invalid_token"' : 'Bearer realm="escher"',
      );
      throw error;
    }
    await next();
  };
}

/**
 * The Host rule on its own, for the WebSocket upgrade (which Hono does not see): 403
 * `daemon-host-refused` unless the request is addressed to 127.0.0.1:<port> or localhost:<port>.
 */
export function checkHost(host: string | undefined, port: number): void {
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!host || !allowed.includes(host.toLowerCase())) {
    throw httpUserError(
      403,
      'daemon-host-refused',
      `The daemon answers only to requests addressed to 127.0.0.1:${port} or localhost:${port}`,
      `Call http://127.0.0.1:${port}/ directly`,
    );
  }
}

/** The Origin / Sec-Fetch-Site rule on its own: 403 `daemon-origin-refused` for a foreign page. */
export function checkOrigin(origin: string | undefined, site: string | undefined, port: number): void {
  const allowed = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  const crossOrigin = origin !== undefined && !allowed.includes(origin.toLowerCase());
  if (crossOrigin || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
    throw httpUserError(
      403,
      'daemon-origin-refused',
      'Cross-origin requests to the daemon are refused',
      'Use the UI the daemon serves, the CLI, or a client that sends no Origin header',
    );
  }
}

/** The token rule on its own: 401 `daemon-token-missing` / `daemon-token-invalid`. */
export function checkToken(presented: string | undefined, token: string, tokenFile: string): void {
  if (!presented) {
    throw httpUserError(
      401,
      'daemon-token-missing',
      'This call needs the daemon token',
      `Send "Authorization: Bearer <token>" with the token from ${tokenFile}`,
    );
  }
  if (!tokensMatch(presented, token)) {
    throw httpUserError(
      401,
      'daemon-token-invalid',
      'The daemon token is wrong',
      `Use the token in ${tokenFile} (it changes only when that file is deleted)`,
    );
  }
}
