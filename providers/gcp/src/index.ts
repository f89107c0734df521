export * from './gcp-provider.ts';
export * from './credentials.ts';
export * from './services.ts';
export * from './import/index.ts';
export * from './operations/index.ts';
