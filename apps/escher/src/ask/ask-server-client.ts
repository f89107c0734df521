import { randomBytes } from 'node:crypto';
import {
  AskResponseSchema,
  OperationalError,
  toPlaybookBrief,
  UserError,
  type AskRequestInput,
  type AskResponse,
} from '@escher/protocol';
import { createApiKeyRing, createServer, type IntelligenceServer } from '@escher/server';
import { builtinPlaybooks } from '../playbooks/playbook-library.ts';

/** Asks the intelligence server one request (`POST /v1/ask`). */
export interface AskServerClient {
  /** Where it goes, for the terminal answer ("in-process" or the URL). */
  readonly where: string;
  ask(body: AskRequestInput): Promise<AskResponse>;
}

type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<Response>;

/**
 * The embedded server (SPEC section 2, "run on your laptop"): the real `@escher/server` app with
 * the built-in playbooks as its global catalogue, called through `app.request` — the same HTTP
 * handling, key check, body limit and validation a remote one applies, without a socket.
 */
export function inProcessServer(server?: IntelligenceServer): AskServerClient {
  const key = randomBytes(24).toString('hex');
  const app =
    server?.app ??
    createServer({
      keys: createApiKeyRing([{ tenant: 'local', key }]),
      // The embedded server answers one local user: no per-key budget to share.
      limits: { rate: { burst: Number.MAX_SAFE_INTEGER, perMinute: Number.MAX_SAFE_INTEGER } },
      catalog: builtinPlaybooks().map(({ playbook }) => ({
        summary: toPlaybookBrief(playbook),
        source: 'global' as const,
      })),
    }).app;
  return {
    where: 'in-process',
    ask: (body) =>
      post((url, init) => Promise.resolve(app.request(url, init)), 'http://in-process', key, body),
  };
}

/** A server elsewhere (`ESCHER_SERVER_URL` + `ESCHER_SERVER_KEY`), over real HTTP. */
export function remoteServer(url: string, key: string, fetchFn: Fetch = fetch): AskServerClient {
  const base = url.replace(/\/+$/, '');
  return { where: base, ask: (body) => post(fetchFn, base, key, body) };
}

/** The server the environment and `--server` choose: remote when a URL is set, else in-process. */
export function serverFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  url?: string,
): AskServerClient {
  const target = url ?? env['ESCHER_SERVER_URL'];
  if (!target) return inProcessServer();
  const key = env['ESCHER_SERVER_KEY'];
  if (!key) {
    throw new UserError('server-key-missing', `No key for the intelligence server at ${target}`, {
      hint: 'Set ESCHER_SERVER_KEY to a key the server lists in ESCHER_SERVER_KEYS',
    });
  }
  return remoteServer(target, key);
}

async function post(fetchFn: Fetch, base: string, key: string, body: AskRequestInput): Promise<AskResponse> {
  let res: Response;
  try {
    res = await fetchFn(`${base}/v1/ask`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new OperationalError('server-unreachable', `The intelligence server at ${base} did not answer`, {
      hint: 'Check ESCHER_SERVER_URL, or unset it to use the built-in server',
      cause: error,
    });
  }
  const payload = (await res.json().catch(() => undefined)) as
    { error?: { code?: string; message?: string; hint?: string } } | undefined;
  if (!res.ok) {
    const e = payload?.error;
    const message = `The intelligence server refused the request: ${e?.message ?? `HTTP ${res.status}`}`;
    const options = { hint: e?.hint ?? 'See docs/server.md' };
    if (res.status === 429 || res.status >= 500)
      throw new OperationalError(e?.code ?? 'server-error', message, options);
    throw new UserError(e?.code ?? 'server-refused', message, options);
  }
  const parsed = AskResponseSchema.safeParse(payload);
  if (!parsed.success) {
    throw new OperationalError(
      'server-answer-invalid',
      'The intelligence server answered in an unknown shape',
      {
        hint: 'Use a server of the same Escher version as this client',
      },
    );
  }
  return parsed.data;
}
