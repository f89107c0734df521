import type { MiddlewareHandler } from 'hono';
import { tokensMatch } from './daemon-token.ts';
import { httpUserError } from './http-error.ts';

/**
 * Refuses a request whose `Host` is not this daemon's own address. A web page can point a name
 * it controls at 127.0.0.1 (DNS rebinding) and then call the daemon as "its own" origin; the
 * browser still sends the attacker's name as `Host`, which is what this check catches.
 */
export function hostGuard(port: number): MiddlewareHandler {
  const allowed = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return async (c, next) => {
    const host = c.req.header('host')?.toLowerCase();
    if (!host || !allowed.has(host)) {
      throw httpUserError(
        403,
        'daemon-host-refused',
        `The daemon answers only to requests addressed to 127.0.0.1:${port} or localhost:${port}`,
        `Call http://127.0.0.1:${port}/ directly`,
      );
    }
    await next();
  };
}

/**
 * Refuses cross-origin requests (CSRF): a browser names the page's origin in `Origin` and says
 * where it comes from in `Sec-Fetch-Site`. Requests without either (the CLI, curl, scripts) pass
 * to the token check; a browser page passes only when the daemon served it.
 */
export function originGuard(port: number): MiddlewareHandler {
  const allowed = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  return async (c, next) => {
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    const crossOrigin = origin !== undefined && !allowed.has(origin.toLowerCase());
    if (crossOrigin || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
      throw httpUserError(
        403,
        'daemon-origin-refused',
        'Cross-origin requests to the daemon are refused',
        'Use the UI the daemon serves, the CLI, or a client that sends no Origin header',
      );
    }
    await next();
  };
}

/** Requires `Authorization: Bearer <token>`; the token is compared in constant time and never echoed. */
export function bearerAuth(token: string, tokenFile: string): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) {
      c.header('WWW-Authenticate', 'Bearer realm="escher"');
      throw httpUserError(
        401,
        'daemon-token-missing',
        'This call needs the daemon token',
        `Send "Authorization: Bearer <token>" with the token from ${tokenFile}`,
      );
    }
    if (!tokensMatch(match[1], token)) {
      c.header('WWW-Authenticate', 'Bearer realm="escher", error="invalid_token"');
      throw httpUserError(
        401,
        'daemon-token-invalid',
        'The daemon token is wrong',
        `Use the token in ${tokenFile} (it changes only when that file is deleted)`,
      );
    }
    await next();
  };
}
