export * from './gcp-provider.ts';
export * from './credentials.ts';
export * from './services.ts';
