export * from './filter.types.ts';
export * from './filter-error.ts';
export * from './tokenizer.ts';
export * from './fields.ts';
export * from './parser.ts';
export * from './evaluate.ts';
export * from './pushdown.ts';
export * from './format.ts';
