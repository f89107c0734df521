export * from './resource/index.ts';
export * from './errors/index.ts';
export * from './sim/index.ts';
export * from './daemon/index.ts';
export * from './ledger.ts';
export * from './graph.ts';
export * from './operations/index.ts';
