import { UserError } from '@escher/protocol';

/** The wire formats the optional model can speak. */
export const LLM_PROVIDERS = ['openai-compatible', 'anthropic'] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

/** How long the Master waits for the model before it answers with the parser's reading. */
export const DEFAULT_LLM_TIMEOUT_MS = 4000;

/**
 * Below this parser confidence the model is asked (one unsure slot costs 0.15, an unread word
 * 0.04, so 0.85 means "one thing undecided, or four words the grammar did not read").
 */
export const DEFAULT_LLM_MIN_CONFIDENCE = 0.85;

/**
 * The optional model behind the Master agent. Off unless configured: the deterministic path
 * answers everything on its own, the model only settles what the parser was unsure of.
 */
export interface LlmConfig {
  provider: LlmProvider;
  /**
   * Base URL of the API: `http://127.0.0.1:11434/v1` for Ollama, `http://host:8000/v1` for vLLM
   * or llama.cpp's server; for Anthropic, unset means its public API.
   */
  url?: string;
  model: string;
  /** Sent as the provider's auth header only; never logged, see `describeLlmConfig`. */
  apiKey?: string;
  timeoutMs: number;
  minConfidence: number;
}

/** What `escher server` / `escher-server` take as flags; each overrides its variable. */
export interface LlmFlags {
  provider?: string;
  url?: string;
  model?: string;
  timeoutMs?: string;
  minConfidence?: string;
}

/**
 * Reads `ESCHER_LLM_PROVIDER`, `ESCHER_LLM_URL`, `ESCHER_LLM_MODEL`, `ESCHER_LLM_API_KEY`,
 * `ESCHER_LLM_TIMEOUT_MS` and `ESCHER_LLM_MIN_CONFIDENCE` (flags win). `undefined` when no
 * provider is named: the model is opt-in. The key has no flag on purpose — a command line is
 * visible to every user of the machine in `ps`.
 */
export function llmConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  flags: LlmFlags = {},
): LlmConfig | undefined {
  const pick = (flag: string | undefined, name: string): string | undefined => {
    const value = flag ?? env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const provider = pick(flags.provider, 'ESCHER_LLM_PROVIDER');
  if (provider === undefined || provider === 'off' || provider === 'none') return undefined;
  if (!(LLM_PROVIDERS as readonly string[]).includes(provider)) {
    throw invalid(
      `ESCHER_LLM_PROVIDER is ${provider}`,
      `Use one of: ${LLM_PROVIDERS.join(', ')} (or unset it)`,
    );
  }
  const model = pick(flags.model, 'ESCHER_LLM_MODEL');
  if (!model)
    throw invalid('ESCHER_LLM_MODEL is not set', 'Name the model, e.g. ESCHER_LLM_MODEL=llama3.1:8b');
  const url = pick(flags.url, 'ESCHER_LLM_URL');
  if (url === undefined && provider === 'openai-compatible') {
    throw invalid(
      'ESCHER_LLM_URL is not set',
      'Point it at the OpenAI-compatible API, e.g. http://127.0.0.1:11434/v1 for Ollama',
    );
  }
  if (url !== undefined && !/^https?:\/\/[^\s]+$/i.test(url)) {
    throw invalid('ESCHER_LLM_URL is not an http(s) URL', 'Write it as http://host:port/v1');
  }
  const apiKey = pick(undefined, 'ESCHER_LLM_API_KEY');
  return {
    provider: provider as LlmProvider,
    ...(url !== undefined ? { url: url.replace(/\/+$/, '') } : {}),
    model,
    ...(apiKey !== undefined ? { apiKey } : {}),
    timeoutMs: number(pick(flags.timeoutMs, 'ESCHER_LLM_TIMEOUT_MS'), 'ESCHER_LLM_TIMEOUT_MS', {
      fallback: DEFAULT_LLM_TIMEOUT_MS,
      min: 1,
      max: 120_000,
      integer: true,
    }),
    minConfidence: number(
      pick(flags.minConfidence, 'ESCHER_LLM_MIN_CONFIDENCE'),
      'ESCHER_LLM_MIN_CONFIDENCE',
      {
        fallback: DEFAULT_LLM_MIN_CONFIDENCE,
        min: 0,
        max: 1.01,
        integer: false,
      },
    ),
  };
}

/**
 * One line for the startup log: provider, model, URL without credentials, and whether a key is
 * set — never the key itself.
 */
export function describeLlmConfig(config: LlmConfig | undefined): string {
  if (!config) return 'model: off (deterministic parser only)';
  const where = config.url ? ` at ${redactUrl(config.url)}` : '';
  return (
    `model: ${config.provider} ${config.model}${where}, key ${config.apiKey ? 'set (redacted)' : 'not set'}, ` +
    `timeout ${config.timeoutMs} ms, asked below confidence ${config.minConfidence}`
  );
}

/** A URL with any `user:password@` and query string removed (either could hold a key). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const auth = parsed.username || parsed.password ? '***@' : '';
    return `${parsed.protocol}//${auth}${parsed.host}${parsed.pathname}${parsed.search ? '?***' : ''}`;
  } catch {
    return '(unparseable URL)';
  }
}

function number(
  raw: string | undefined,
  name: string,
  rule: { fallback: number; min: number; max: number; integer: boolean },
): number {
  if (raw === undefined) return rule.fallback;
  const value = Number(raw);
  if (
    !Number.isFinite(value) ||
    value < rule.min ||
    value > rule.max ||
    (rule.integer && !Number.isInteger(value))
  ) {
    throw invalid(
      `${name} is ${raw}`,
      `Use a ${rule.integer ? 'whole ' : ''}number from ${rule.min} to ${rule.max}, or unset it for ${rule.fallback}`,
    );
  }
  return value;
}

function invalid(message: string, hint: string): UserError {
  return new UserError('llm-config-invalid', message, { hint });
}
