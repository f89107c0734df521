export * from './vault.ts';
export * from './redact.ts';
export { VAULT_CIPHER, PASSPHRASE_SCRYPT } from './vault-cipher.ts';
