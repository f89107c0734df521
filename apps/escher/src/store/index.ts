export * from './store.ts';
export * from './store.types.ts';
export * from './clock.ts';
export * from './key/index.ts';
export { diffResources } from './resources/resource-diff.ts';
export type { ResourceChunks, ResourcePage } from './resources/resource-pages.ts';
export { MIGRATIONS, EMBEDDING_DIMENSIONS, schemaVersion } from './migrations/index.ts';
export type { SearchHit, SearchOptions, SearchResponse, SearchExplanation } from './search/search-engine.ts';
