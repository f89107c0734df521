import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { CLOUDS, UserError, type Cloud } from '@escher/protocol';
import { AuditLedger } from '../ledger/index.ts';
import { systemClock, type Store } from '../store/index.ts';
import { Vault } from '../vault/index.ts';
import type { CliIo } from './cli-io.ts';
import { openStore, requireHome, resolveHome, type EscherHome } from './escher-home.ts';

/**
 * One connected account as `$ESCHER_HOME/accounts.json` keeps it: which cloud, how to reach it,
 * and the non-secret part of its credentials. Secret fields live in the vault (AES-256-GCM in
 * the encrypted store), keyed by account name and dotted credential path, so the config can be
 * read or shared safely.
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

/** The vault and ledger of a home's open store: what adding, removing and using accounts needs. */
export interface AccountSecrets {
  home: EscherHome;
  store: Store;
  vault: Vault;
  ledger: AuditLedger;
}

/**
 * Opens the vault and ledger of an open store. The first time, secrets an older Escher left in
 * plain text in `secrets.json` are moved into the vault, the move is recorded in the ledger and
 * the file is deleted; `notice` is told in one line.
 */
export async function openAccountSecrets(
  home: EscherHome,
  store: Store,
  notice: (line: string) => void = () => undefined,
): Promise<AccountSecrets> {
  const vault = await Vault.forStore(store, systemClock);
  const ledger = new AuditLedger({ db: store.database(), vault, clock: systemClock, actor: localActor() });
  const secrets: AccountSecrets = { home, store, vault, ledger };
  const moved = importSecretsFile(secrets);
  if (moved) {
    notice(
      moved.length > 0
        ? `Moved the secrets of ${moved.length} account(s) (${moved.join(', ')}) from ${home.secretsFile} into the encrypted vault and deleted the file.`
        : `Deleted ${home.secretsFile}: its secrets were already in the encrypted vault.`,
    );
  }
  return secrets;
}

/**
 * Runs `fn` with the home's store, vault and ledger open, then closes the store: what the
 * `accounts` and `audit` commands share. A one-time move of `secrets.json` into the vault is
 * announced on stderr, so `--json` output stays clean.
 */
export async function withAccountSecrets<T>(io: CliIo, fn: (secrets: AccountSecrets) => T): Promise<T> {
  const home = resolveHome(io.env);
  requireHome(home);
  const store = await openStore(home, io.env);
  try {
    return fn(await openAccountSecrets(home, store, (line) => io.stderr.write(`${line}\n`)));
  } finally {
    store.close();
  }
}

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

/**
 * Adds an account: its secrets go to the vault and the addition to the ledger (field names
 * only) in one transaction, then the account to accounts.json. Names are unique.
 */
export function addAccount(
  secrets: AccountSecrets,
  account: AccountConfig,
  fields: Record<string, string>,
): void {
  const accounts = readAccounts(secrets.home);
  if (accounts.some((a) => a.name === account.name)) {
    throw new UserError('account-exists', `An account named '${account.name}' already exists`, {
      hint: `Pick another --name, or remove it first with \`escher accounts remove ${account.name}\``,
    });
  }
  secrets.store
    .database()
    .transaction(() => {
      secrets.vault.put(account.name, fields);
      secrets.ledger.append({
        kind: 'account-added',
        data: {
          account: account.name,
          cloud: account.cloud,
          credentialKind: String(account.credentials['kind'] ?? ''),
          secretFields: Object.keys(fields).sort(),
          ...(account.endpoint ? { endpoint: account.endpoint } : {}),
        },
      });
    })
    .immediate();
  writeAccounts(secrets.home, [...accounts, account]);
}

/** Removes an account and deletes its secrets from the vault; the removal is recorded in the ledger. */
export function removeAccount(secrets: AccountSecrets, name: string): AccountConfig {
  const accounts = readAccounts(secrets.home);
  const found = accounts.find((a) => a.name === name);
  if (!found) {
    throw new UserError('account-not-found', `No account named '${name}'`, {
      hint: 'See the configured accounts with `escher accounts list`',
    });
  }
  secrets.store
    .database()
    .transaction(() => {
      secrets.vault.remove(name);
      secrets.ledger.append({ kind: 'account-removed', data: { account: name, cloud: found.cloud } });
    })
    .immediate();
  writeAccounts(
    secrets.home,
    accounts.filter((a) => a.name !== name),
  );
  return found;
}

/** The account's full credential object: its config with the secret fields put back from the vault. */
export function resolveCredentials(vault: Vault, account: AccountConfig): Record<string, unknown> {
  const credentials = structuredClone(account.credentials);
  for (const [path, value] of Object.entries(vault.get(account.name))) {
    setPath(credentials, path.split('.'), value);
  }
  return credentials;
}

/**
 * Moves `secrets.json` (plain text, written by Escher before the vault) into the vault. Accounts
 * the vault already holds keep the vault's secrets. Returns the accounts moved, or undefined when
 * there was no file.
 */
function importSecretsFile(secrets: AccountSecrets): string[] | undefined {
  const { home, vault, ledger } = secrets;
  if (!existsSync(home.secretsFile)) return undefined;
  const file = parseJson(home.secretsFile) as Record<string, Record<string, unknown>>;
  const moved: string[] = [];
  let fields = 0;
  secrets.store
    .database()
    .transaction(() => {
      for (const [owner, values] of Object.entries(file)) {
        if (typeof values !== 'object' || values === null || vault.has(owner)) continue;
        const strings = Object.fromEntries(
          Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string'),
        );
        vault.put(owner, strings);
        moved.push(owner);
        fields += Object.keys(strings).length;
      }
      if (moved.length > 0) {
        ledger.append({ kind: 'secrets-imported', data: { from: 'secrets.json', accounts: moved, fields } });
      }
    })
    .immediate();
  // Overwritten before removal, so the plain text does not linger in the file's old blocks on
  // simple filesystems (copy-on-write filesystems and SSDs may still keep it).
  const size = readFileSync(home.secretsFile).length;
  writeFileSync(home.secretsFile, Buffer.alloc(size));
  rmSync(home.secretsFile, { force: true });
  return moved;
}

/** Who the ledger names as acting: `user@host`. */
function localActor(): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    // Containers may run as a uid with no passwd entry.
    user = process.env['USER'] ?? 'unknown';
  }
  return `${user}@${hostname()}`;
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
