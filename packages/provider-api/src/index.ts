export * from './provider.ts';
export * from './map-limit.ts';
export * from './operation.ts';
