/**
 * Turns text into vectors for semantic search. The store keeps one provider's vectors at a time
 * and records its `id` and `dimensions`: a different provider (or model) means re-embedding,
 * because vectors from two models are not comparable.
 */
export interface EmbeddingProvider {
  /** Stable name of the model and its settings, e.g. `escher-hash-v1` or `openai:nomic-embed-text`. */
  readonly id: string;
  readonly dimensions: number;
  /**
   * One unit-length vector per text, in order. `purpose` lets asymmetric models (E5, Nomic) add
   * their query/document prefixes; symmetric ones ignore it.
   */
  embed(texts: readonly string[], purpose: EmbeddingPurpose): Promise<Float32Array[]>;
}

/** What a text is embedded for: asymmetric models embed a query and a document differently. */
export type EmbeddingPurpose = 'query' | 'document';

/**
 * A provider that computes in-process without waiting on anything, so the store can embed inside
 * the very transaction that writes a resource (the built-in embedder is one).
 */
export interface SyncEmbeddingProvider extends EmbeddingProvider {
  embedSync(texts: readonly string[], purpose: EmbeddingPurpose): Float32Array[];
}

/** True when the provider can embed inside a synchronous write. */
export function isSyncEmbeddingProvider(provider: EmbeddingProvider): provider is SyncEmbeddingProvider {
  return typeof (provider as Partial<SyncEmbeddingProvider>).embedSync === 'function';
}
