export * from './vocabulary.ts';
export * from './native-types.ts';
export * from './check-ids.ts';
export * from './resource.schema.ts';
export * from './environment.ts';
