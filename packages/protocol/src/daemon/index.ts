export * from './daemon-dto.schema.ts';
export * from './daemon-operations.ts';
export * from './daemon-openapi.ts';
export * from './daemon-client.ts';
export * from './operation-input.ts';
export * from './daemon-executions.schema.ts';
export * from './daemon-sync-events.schema.ts';
