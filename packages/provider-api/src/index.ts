export * from './provider.ts';
export * from './map-limit.ts';
