export * from './embedding-provider.ts';
export * from './vector-math.ts';
export * from './hashing-embedder.ts';
export * from './openai-embeddings.ts';
