import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  buildServerOpenApi,
  parseOperationInput,
  SERVER_OPERATIONS,
  UserError,
  type AskRequest,
} from '@escher/protocol';
import type { Agents, PlaybookCandidate } from './agents/agents.ts';
import { defaultAgents } from './agents/default-agents.ts';
import { runAsk, type AskResult } from './ask/run-ask.ts';
import type { LlmConfig } from './llm/llm-config.ts';
import { modelMasterFromConfig, type IntentEngine, type ModelMaster } from './llm/llm-master.ts';
import { systemClock, type Clock } from './clock.ts';
import type { ApiKeyRing, KeyIdentity } from './http/api-keys.ts';
import { admit } from './http/guard.ts';
import { errorHandler, httpUserError, notFoundHandler, type ServerLog } from './http/http-error.ts';
import { TokenBucketLimiter, type RateLimit } from './http/rate-limiter.ts';
import { SERVER_VERSION } from './version.ts';

/** Limits per key and per request. */
export interface ServerLimits {
  rate: RateLimit;
  /** Largest request body (REST) or message (WebSocket), in bytes. */
  bodyBytes: number;
}

/** 60 requests a minute with bursts of 20; 512 KiB bodies (5,000 names fit). */
export const DEFAULT_LIMITS: ServerLimits = { rate: { burst: 20, perMinute: 60 }, bodyBytes: 512 * 1024 };

export interface ServerOptions {
  keys: ApiKeyRing;
  clock?: Clock;
  limits?: Partial<ServerLimits>;
  /** Replace any of the offline agents (a model-backed Master, a tenant ranker). */
  agents?: Partial<Agents>;
  /** The global and tenant playbook summaries; the user's own come with each request. */
  catalog?: readonly PlaybookCandidate[];
  /** Request lines (method, path, status, ms, tenant) and bugs; never bodies or keys. */
  log?: ServerLog;
  /**
   * The optional model behind the Master (off by default): a configuration
   * (`llmConfigFromEnv`), or a `ModelMaster` (tests inject one with their own deadline).
   */
  llm?: LlmConfig | ModelMaster;
  version?: string;
}

/** The server's HTTP app and what the WebSocket endpoint shares with it. */
/** Per-request values: the tenant a key belongs to, for the request line. */
export type ServerEnv = { Variables: { tenant: string } };

export interface IntelligenceServer {
  app: Hono<ServerEnv>;
  limits: ServerLimits;
  /** Authenticates and rate-limits a caller (REST and WebSocket upgrades alike). */
  admit(authorization: string | undefined): KeyIdentity;
  /** Validates a request body and answers it (asking the optional model when the parser is unsure). */
  answer(body: unknown): Promise<AskResult>;
  log: ServerLog;
}

/**
 * The stateless intelligence server's composition root: API keys and per-key token buckets in
 * front of `/v1/ask`, a body limit, one error shape, the OpenAPI document, and the five agents.
 * It holds no store and writes nothing to disk; `startServer` binds it and adds the WebSocket.
 *
 * @example
 * const server = createServer({ keys: createApiKeyRing([{ tenant: 'acme', key }]) });
 * const res = await server.app.request('/v1/ask', {
 *   method: 'POST',
 *   headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
 *   body: JSON.stringify({ request: 'stop dev vms', context: { resourceCount: 0 } }),
 * });
 */
export function createServer(options: ServerOptions): IntelligenceServer {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => undefined);
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const limiter = new TokenBucketLimiter(clock, limits.rate);
  const agents = defaultAgents(options.agents);
  const catalog = options.catalog ?? [];
  const version = options.version ?? SERVER_VERSION;
  const openApi = buildServerOpenApi({ version });
  const model =
    typeof options.llm === 'function' ? options.llm : options.llm && modelMasterFromConfig(options.llm);
  const answer = async (body: unknown): Promise<AskResult> => {
    const ask = parseOperationInput(SERVER_OPERATIONS.ask, { query: {}, params: {}, body })
      .body as AskRequest;
    const now = new Date(clock.now());
    if (!model) return withEngine(runAsk(agents, catalog, ask, now), 'deterministic');
    const input = { request: ask.request, context: ask.context, now, conversation: ask.conversation };
    const outcome = await model(input, agents.master(input));
    // The Master has answered (parser, maybe model); the other four agents run as usual on it.
    const result = runAsk({ ...agents, master: () => outcome.result }, catalog, ask, now);
    return withEngine(result, outcome.engine, outcome.fallback);
  };

  const app = new Hono<ServerEnv>();
  app.onError(errorHandler(log));
  app.notFound(notFoundHandler);
  app.use('*', async (c, next) => {
    const started = clock.now();
    await next();
    const tenant = c.get('tenant') as string | undefined;
    log(
      `${c.req.method} ${c.req.path} ${c.res.status} ${clock.now() - started}ms${tenant ? ` tenant=${tenant}` : ''}`,
    );
  });
  app.get(SERVER_OPERATIONS.getHealth.path, (c) => c.json({ status: 'ok' as const, version }));
  app.get(SERVER_OPERATIONS.getOpenApi.path, (c) => c.json(openApi));
  app.post(
    SERVER_OPERATIONS.ask.path,
    async (c, next) => {
      c.set('tenant', admit(c.req.header('authorization'), options.keys, limiter).tenant);
      await next();
    },
    bodyLimit({
      maxSize: limits.bodyBytes,
      onError: () => {
        throw httpUserError(
          413,
          'request-too-large',
          `The request body is over ${limits.bodyBytes} bytes`,
          'Send fewer names in the context',
        );
      },
    }),
    async (c) => c.json((await answer(parseJson(await c.req.text()))).response),
  );
  return {
    app,
    limits,
    admit: (authorization) => admit(authorization, options.keys, limiter),
    answer,
    log,
  };
}

/** Marks which reading an answer is built on, and why the model's was not used when it was asked. */
function withEngine(result: AskResult, engine: IntentEngine, fallback?: string): AskResult {
  return { ...result, response: { ...result.response, engine, ...(fallback ? { fallback } : {}) } };
}

/** Parses a JSON body; the parser's message is not repeated, since it quotes the body. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UserError('invalid-json', 'The request body is not valid JSON', {
      hint: 'Send one JSON object (Content-Type: application/json); see GET /v1/openapi.json',
      details: { httpStatus: 400 },
    });
  }
}
