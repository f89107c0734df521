export * from './provider.contract.ts';
export * from './sim-process.ts';
export * from './moto.ts';
export * from './zip.ts';
