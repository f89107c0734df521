export * from './escher.error.ts';
