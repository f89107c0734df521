export * from './operation-catalog.ts';
