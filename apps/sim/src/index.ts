export * from './server.ts';
export * from './core/clock.ts';
export * from './core/faults.ts';
export * from './estate/estate.ts';
