import { OperationalError, UserError } from '@escher/protocol';
import type { EmbeddingProvider, EmbeddingPurpose } from './embedding-provider.ts';
import { normalizeVector } from './vector-math.ts';

/** Settings of an OpenAI-compatible `/embeddings` endpoint (OpenAI, Ollama, vLLM, LM Studio, …). */
export interface OpenAiEmbeddingsOptions {
  /** Base URL the `/embeddings` path is appended to, e.g. `http://127.0.0.1:11434/v1`. */
  url: string;
  model: string;
  /** Sent as `Authorization: Bearer …` when set. */
  apiKey?: string;
  /**
   * Prefixes asymmetric models expect (nomic-embed-text: `search_query: ` / `search_document: `,
   * E5: `query: ` / `passage: `).
   */
  prefixes?: Partial<Record<EmbeddingPurpose, string>>;
  /** The model's dimensions, when known: saves the probe request at start. */
  dimensions?: number;
  /** Texts per request. */
  batchSize?: number;
  timeoutMs?: number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** The environment variables that configure an endpoint (`escher search`, the daemon). */
export interface EmbeddingsEnv {
  ESCHER_EMBEDDINGS_URL?: string;
  ESCHER_EMBEDDINGS_MODEL?: string;
  ESCHER_EMBEDDINGS_KEY?: string;
  ESCHER_EMBEDDINGS_QUERY_PREFIX?: string;
  ESCHER_EMBEDDINGS_DOCUMENT_PREFIX?: string;
  ESCHER_EMBEDDINGS_DIMENSIONS?: string;
}

/**
 * Reads `ESCHER_EMBEDDINGS_URL` (+ `_MODEL`, `_KEY`, `_QUERY_PREFIX`, `_DOCUMENT_PREFIX`, `_DIMENSIONS`);
 * undefined when no URL is set, which means the built-in embedder.
 */
export function embeddingsOptionsFromEnv(env: EmbeddingsEnv): OpenAiEmbeddingsOptions | undefined {
  const url = env.ESCHER_EMBEDDINGS_URL?.trim();
  if (!url) return undefined;
  const model = env.ESCHER_EMBEDDINGS_MODEL?.trim();
  if (!model) {
    throw new UserError(
      'embeddings-model-missing',
      'ESCHER_EMBEDDINGS_URL is set but ESCHER_EMBEDDINGS_MODEL is not.',
      {
        hint: 'Name the embedding model the endpoint serves, e.g. ESCHER_EMBEDDINGS_MODEL=nomic-embed-text',
      },
    );
  }
  const options: OpenAiEmbeddingsOptions = { url, model };
  if (env.ESCHER_EMBEDDINGS_KEY) options.apiKey = env.ESCHER_EMBEDDINGS_KEY;
  const dimensions = Number(env.ESCHER_EMBEDDINGS_DIMENSIONS);
  if (Number.isInteger(dimensions) && dimensions > 0) options.dimensions = dimensions;
  const query = env.ESCHER_EMBEDDINGS_QUERY_PREFIX;
  const document = env.ESCHER_EMBEDDINGS_DOCUMENT_PREFIX;
  if (query !== undefined || document !== undefined) {
    options.prefixes = {
      ...(query !== undefined ? { query } : {}),
      ...(document !== undefined ? { document } : {}),
    };
  }
  return options;
}

interface EmbeddingsResponse {
  data?: { index?: number; embedding?: unknown }[];
}

/**
 * An embedding provider backed by any server that speaks OpenAI's `POST /embeddings`
 * (`{ model, input: [...] }` → `{ data: [{ index, embedding }] }`). It asks the endpoint once
 * for a probe vector to learn the model's dimensions (unless given), so the store can size its index.
 *
 * Estate text goes to that endpoint: point it at a model you run (Ollama, vLLM) unless you
 * accept sending resource names and tags to a hosted API.
 *
 * @example
 * const provider = await openAiCompatibleEmbeddings({ url: 'http://127.0.0.1:11434/v1', model: 'nomic-embed-text' });
 */
export async function openAiCompatibleEmbeddings(
  options: OpenAiEmbeddingsOptions,
): Promise<EmbeddingProvider> {
  const doFetch = options.fetch ?? fetch;
  const batchSize = options.batchSize ?? 64;
  const endpoint = `${options.url.replace(/\/+$/, '')}/embeddings`;

  const request = async (input: readonly string[]): Promise<Float32Array[]> => {
    let response: Response;
    try {
      response = await doFetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify({ model: options.model, input }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new OperationalError(
        'embeddings-unreachable',
        `Cannot reach the embeddings endpoint ${endpoint}.`,
        {
          cause: error,
          retryable: true,
          hint: 'Start the embedding server (e.g. `ollama serve`) or unset ESCHER_EMBEDDINGS_URL to use the built-in embedder.',
        },
      );
    }
    if (!response.ok) {
      const body = (await response.text().catch(() => '')).slice(0, 200);
      throw new OperationalError(
        'embeddings-failed',
        `The embeddings endpoint ${endpoint} answered ${response.status}${body ? `: ${body}` : ''}.`,
        {
          retryable: response.status === 429 || response.status >= 500,
          hint: `Check ESCHER_EMBEDDINGS_MODEL (${options.model}) and ESCHER_EMBEDDINGS_KEY.`,
        },
      );
    }
    const parsed = (await response.json()) as EmbeddingsResponse;
    const data = Array.isArray(parsed.data) ? parsed.data : [];
    if (data.length !== input.length) {
      throw new OperationalError(
        'embeddings-malformed',
        `The embeddings endpoint returned ${data.length} vectors for ${input.length} texts.`,
        { retryable: false, hint: 'Is ESCHER_EMBEDDINGS_URL an OpenAI-compatible API (ending in /v1)?' },
      );
    }
    const ordered = [...data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    return ordered.map((item) => {
      if (!Array.isArray(item.embedding) || !item.embedding.every((x) => typeof x === 'number')) {
        throw new OperationalError(
          'embeddings-malformed',
          'An embedding in the response is not a list of numbers.',
          {
            retryable: false,
          },
        );
      }
      return normalizeVector(Float32Array.from(item.embedding as number[]));
    });
  };

  const embed = async (texts: readonly string[], purpose: EmbeddingPurpose): Promise<Float32Array[]> => {
    const prefix = options.prefixes?.[purpose] ?? '';
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += batchSize) {
      out.push(...(await request(texts.slice(i, i + batchSize).map((t) => prefix + t))));
    }
    return out;
  };

  const dimensions = options.dimensions ?? (await request(['dimension probe']))[0]?.length ?? 0;
  if (dimensions === 0) {
    throw new OperationalError('embeddings-malformed', 'The embeddings endpoint returned an empty vector.', {
      retryable: false,
    });
  }
  return { id: `openai:${options.model}`, dimensions, embed };
}
