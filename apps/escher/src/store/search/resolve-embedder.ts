import {
  embeddingsOptionsFromEnv,
  hashingEmbedder,
  openAiCompatibleEmbeddings,
  type EmbeddingProvider,
  type EmbeddingsEnv,
} from '@escher/knowledge';
import { UserError } from '@escher/protocol';

/** The environment that chooses the embedder: `ESCHER_EMBEDDINGS` and the endpoint settings. */
export interface EmbedderEnv extends EmbeddingsEnv {
  ESCHER_EMBEDDINGS?: string;
}

/**
 * The embedder every process of one ESCHER_HOME must share (a different one rebuilds the
 * index): an OpenAI-compatible endpoint when `ESCHER_EMBEDDINGS_URL` is set, the built-in
 * hashing embedder with `ESCHER_EMBEDDINGS=builtin`, none otherwise (`ESCHER_EMBEDDINGS=off`,
 * the default — see docs/search.md for why).
 */
export async function resolveEmbedder(env: EmbedderEnv): Promise<EmbeddingProvider | null> {
  const endpoint = embeddingsOptionsFromEnv(env);
  if (endpoint) return openAiCompatibleEmbeddings(endpoint);
  const choice = (env.ESCHER_EMBEDDINGS ?? 'off').trim().toLowerCase();
  if (choice === 'builtin') return hashingEmbedder();
  if (choice === 'off' || choice === '') return null;
  throw new UserError('embeddings-invalid', `Unknown ESCHER_EMBEDDINGS '${env.ESCHER_EMBEDDINGS}'.`, {
    hint: 'Use builtin or off, or set ESCHER_EMBEDDINGS_URL and ESCHER_EMBEDDINGS_MODEL for an endpoint.',
  });
}
