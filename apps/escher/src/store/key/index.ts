export * from './key-source.ts';
export * from './key-source-chain.ts';
export * from './keychain.key-source.ts';
export * from './passphrase.key-source.ts';
export * from './key-file.key-source.ts';
export * from './static.key-source.ts';
export * from './default-key-source.ts';
