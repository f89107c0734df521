export * from './parse-intent.ts';
export * from './intent-filter.ts';
