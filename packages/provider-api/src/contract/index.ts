export * from './provider.contract.ts';
export * from './sim-process.ts';
