export * from './ask.schema.ts';
export * from './server-operations.ts';
export * from './server-openapi.ts';
export * from './playbook-brief.ts';
