export * from './text/index.ts';
export * from './ontology/index.ts';
export * from './filter/index.ts';
export * from './query/index.ts';
export * from './document/index.ts';
export * from './search/index.ts';
export * from './embed/index.ts';
export * from './intent/index.ts';
