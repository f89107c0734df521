export * from './execution.schema.ts';
