export * from './phrase.ts';
export * from './analyze.ts';
