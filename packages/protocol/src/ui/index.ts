export * from './ui-action.schema.ts';
export * from './ui-components.schema.ts';
export * from './ui-component.schema.ts';
export * from './ui-digest.ts';
