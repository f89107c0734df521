import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { CLOUDS, UserError, type Cloud } from '@escher/protocol';
import type { EscherHome } from './escher-home.ts';

/**
 * One connected account as `$ESCHER_HOME/accounts.json` keeps it: which cloud, how to reach it,
 * and the non-secret part of its credentials. Secret fields live in `secrets.json` (0600), keyed
 * by account name and dotted credential path, so the config can be read or shared safely.
 */
export interface AccountConfig {
  name: string;
  cloud: Cloud;
  /** The provider's credential object without its secret fields. */
  credentials: Record<string, unknown>;
  /** Override endpoint (the simulator). */
  endpoint?: string;
  /** PEM file of a CA to trust (the simulator's Azure certificate). */
  caFile?: string;
  addedAt: string;
}

interface AccountsFile {
  version: 1;
  accounts: AccountConfig[];
}

type SecretsFile = Record<string, Record<string, string>>;

/** Reads the configured accounts (none when the file does not exist yet). */
export function readAccounts(home: EscherHome): AccountConfig[] {
  if (!existsSync(home.accountsFile)) return [];
  const parsed = parseJson(home.accountsFile) as Partial<AccountsFile>;
  const accounts = Array.isArray(parsed.accounts) ? parsed.accounts : [];
  for (const a of accounts) {
    if (typeof a.name !== 'string' || !(CLOUDS as readonly string[]).includes(a.cloud)) {
      throw new UserError('accounts-file-invalid', `${home.accountsFile} has an invalid account entry`, {
        hint: 'Fix or remove the entry, or re-add the account with `escher accounts add`',
      });
    }
  }
  return accounts;
}

/** Adds an account, its secrets going to `secrets.json` (0600). Names are unique. */
export function addAccount(home: EscherHome, account: AccountConfig, secrets: Record<string, string>): void {
  const accounts = readAccounts(home);
  if (accounts.some((a) => a.name === account.name)) {
    throw new UserError('account-exists', `An account named '${account.name}' already exists`, {
      hint: `Pick another --name, or remove it first with \`escher accounts remove ${account.name}\``,
    });
  }
  writeSecrets(home, { ...readSecrets(home), [account.name]: secrets });
  writeAccounts(home, [...accounts, account]);
}

/** Removes an account and its secrets. */
export function removeAccount(home: EscherHome, name: string): AccountConfig {
  const accounts = readAccounts(home);
  const found = accounts.find((a) => a.name === name);
  if (!found) {
    throw new UserError('account-not-found', `No account named '${name}'`, {
      hint: 'See the configured accounts with `escher accounts list`',
    });
  }
  const secrets = readSecrets(home);
  delete secrets[name];
  writeSecrets(home, secrets);
  writeAccounts(
    home,
    accounts.filter((a) => a.name !== name),
  );
  return found;
}

/** The account's full credential object: its config with the secret fields put back. */
export function resolveCredentials(home: EscherHome, account: AccountConfig): Record<string, unknown> {
  const credentials = structuredClone(account.credentials);
  for (const [path, value] of Object.entries(readSecrets(home)[account.name] ?? {})) {
    setPath(credentials, path.split('.'), value);
  }
  return credentials;
}

function setPath(target: Record<string, unknown>, path: string[], value: string): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const next = target[head];
  const child = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : {};
  target[head] = child;
  setPath(child, rest, value);
}

function readSecrets(home: EscherHome): SecretsFile {
  return existsSync(home.secretsFile) ? (parseJson(home.secretsFile) as SecretsFile) : {};
}

function writeSecrets(home: EscherHome, secrets: SecretsFile): void {
  writeFileSync(home.secretsFile, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(home.secretsFile, 0o600);
}

function writeAccounts(home: EscherHome, accounts: AccountConfig[]): void {
  const file: AccountsFile = { version: 1, accounts };
  writeFileSync(home.accountsFile, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
}

function parseJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UserError('config-file-invalid', `${path} is not valid JSON`, {
      hint: 'Fix the file by hand or remove it',
      cause: error,
    });
  }
}
