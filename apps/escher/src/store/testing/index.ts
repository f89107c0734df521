export * from './synthetic-estate.ts';
export * from './temp-store.ts';
