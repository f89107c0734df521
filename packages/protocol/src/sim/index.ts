export * from './manifest.schema.ts';
