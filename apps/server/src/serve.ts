import { UserError } from '@escher/protocol';
import type { PlaybookCandidate } from './agents/agents.ts';
import { createApiKeyRing, parseServerKeys } from './http/api-keys.ts';
import { describeLlmConfig, llmConfigFromEnv, type LlmFlags } from './llm/llm-config.ts';
import type { ServerLog } from './http/http-error.ts';
import { startServer, type RunningServer } from './start-server.ts';

export interface ServeOptions {
  env: Readonly<Record<string, string | undefined>>;
  host?: string;
  port?: number;
  catalog?: readonly PlaybookCandidate[];
  /** `--llm-*` flags; each wins over its `ESCHER_LLM_*` variable. */
  llm?: LlmFlags;
  log: ServerLog;
}

/**
 * Starts the server from the environment, as `escher server` and `escher-server` do: keys from
 * `ESCHER_SERVER_KEYS` (required: a server without keys would answer anyone), limits from
 * `ESCHER_SERVER_RATE_PER_MINUTE` / `ESCHER_SERVER_RATE_BURST` / `ESCHER_SERVER_BODY_BYTES`,
 * the optional model from `ESCHER_LLM_*` (off unless `ESCHER_LLM_PROVIDER` is set; one log line
 * says which, with the key redacted).
 */
export async function serveFromEnv(options: ServeOptions): Promise<RunningServer> {
  const keys = parseServerKeys(options.env['ESCHER_SERVER_KEYS']);
  if (keys.length === 0) {
    throw new UserError('server-keys-missing', 'No API keys: ESCHER_SERVER_KEYS is empty', {
      hint: 'Set ESCHER_SERVER_KEYS=tenant:key (a key of 16+ characters, e.g. `openssl rand -hex 32`)',
    });
  }
  const perMinute = positive(options.env, 'ESCHER_SERVER_RATE_PER_MINUTE', 60);
  const burst = positive(options.env, 'ESCHER_SERVER_RATE_BURST', 20);
  const bodyBytes = positive(options.env, 'ESCHER_SERVER_BODY_BYTES', 512 * 1024);
  const llm = llmConfigFromEnv(options.env, options.llm);
  options.log(describeLlmConfig(llm));
  return startServer({
    ...(llm ? { llm } : {}),
    keys: createApiKeyRing(keys),
    limits: { rate: { burst, perMinute }, bodyBytes },
    ...(options.catalog ? { catalog: options.catalog } : {}),
    ...(options.host ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    log: options.log,
  });
}

function positive(env: ServeOptions['env'], name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new UserError('server-config-invalid', `${name} must be a positive whole number`, {
      hint: `Unset it for the default (${fallback})`,
    });
  }
  return value;
}

/** Parses a `--port` value: 0–65535. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UserError('invalid-port', `Not a port: ${value}`, {
      hint: 'Use 0–65535 (0 picks a free port)',
    });
  }
  return port;
}

/** Resolves at the first SIGTERM or SIGINT, with its name. */
export function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
}
