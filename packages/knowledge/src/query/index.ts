export * from './similarity.ts';
export * from './corrector.ts';
export * from './query-words.ts';
export * from './match-concepts.ts';
export * from './understand-query.ts';
