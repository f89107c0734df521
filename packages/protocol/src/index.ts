export * from './resource/index.ts';
export * from './errors/index.ts';
export * from './sim/index.ts';
