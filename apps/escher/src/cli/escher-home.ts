import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { UserError } from '@escher/protocol';
import { defaultKeySource, Store, systemClock } from '../store/index.ts';
import { resolveEmbedder } from '../store/search/resolve-embedder.ts';

/** The environment the CLI reads (process.env in production, a fixed map in tests). */
export type CliEnv = Readonly<Record<string, string | undefined>>;

/** Where Escher keeps its state, and the files in it. */
export interface EscherHome {
  dir: string;
  configFile: string;
  accountsFile: string;
  secretsFile: string;
  storeFile: string;
}

/** The content of `$ESCHER_HOME/config.json`. */
export interface EscherConfig {
  version: 1;
  createdAt: string;
}

/** Resolves `$ESCHER_HOME` (default `~/.escher`) and the paths of its files. */
export function resolveHome(env: CliEnv): EscherHome {
  const dir = resolve(env['ESCHER_HOME'] || join(homedir(), '.escher'));
  return {
    dir,
    configFile: join(dir, 'config.json'),
    accountsFile: join(dir, 'accounts.json'),
    secretsFile: join(dir, 'secrets.json'),
    storeFile: join(dir, 'store.db'),
  };
}

/**
 * Creates the home (0700), the config file and the store with its key (keychain, passphrase or
 * generated key file, in SPEC section 9's order). Idempotent: an existing home is reopened,
 * which also proves the key still fits.
 *
 * @returns whether the home was created by this call
 */
export async function initHome(home: EscherHome, env: CliEnv): Promise<boolean> {
  const created = !existsSync(home.configFile);
  mkdirSync(home.dir, { recursive: true, mode: 0o700 });
  const store = await openStore(home, env);
  store.close();
  if (created) {
    const config: EscherConfig = { version: 1, createdAt: new Date().toISOString() };
    writeFileSync(home.configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  }
  return created;
}

/** Fails plainly when `escher init` has not been run for this home. */
export function requireHome(home: EscherHome): EscherConfig {
  if (!existsSync(home.configFile)) {
    throw new UserError('home-not-initialised', `Escher is not initialised in ${home.dir}`, {
      hint: 'Run `escher init` first (or set ESCHER_HOME to an initialised directory)',
    });
  }
  return JSON.parse(readFileSync(home.configFile, 'utf8')) as EscherConfig;
}

/** Opens the encrypted store of a home with the default key sources. */
export async function openStore(home: EscherHome, env: CliEnv): Promise<Store> {
  const store = new Store({
    path: home.storeFile,
    keySource: defaultKeySource({ home: home.dir, env }),
    clock: systemClock,
    embedder: await resolveEmbedder(env),
  });
  await store.open();
  return store;
}
