export * from './operation-catalog.ts';
export * from './operation-params.ts';
