export * from './audit-ledger.ts';
export * from './canonical-json.ts';
export * from './signing-key.ts';
export * from './verify-ledger.ts';
export { GENESIS_PREV_HASH } from './ledger-entry.ts';
