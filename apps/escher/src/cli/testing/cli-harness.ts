import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLOUDS, type Cloud, type Resource, type SimManifest } from '@escher/protocol';
import type { SimTarget } from '@escher/provider-api/contract';
import { openStore, resolveHome, type EscherHome } from '../escher-home.ts';
import type { Store } from '../../store/index.ts';

/** The real `escher` command, run from its TypeScript sources as users run it. */
export const ESCHER_BIN = new URL('../../../bin/escher.mjs', import.meta.url).pathname;

/** One finished run of the CLI. */
export interface CliRun {
  args: readonly string[];
  code: number;
  stdout: string;
  stderr: string;
}

/** Environment overrides for one run; `undefined` removes a variable. */
export type EnvOverrides = Readonly<Record<string, string | undefined>>;

/** `escher resources --json`, as SPEC section 7 shapes it. */
export interface ResourceList {
  count: number;
  resources: Resource[];
}

/**
 * A private `ESCHER_HOME` in a temp directory and ways to run the real CLI binary against it.
 * Every run is recorded in `runs`, so a test can assert what was never printed (secrets).
 */
export interface CliHarness {
  /** The temp directory; the home is `home.dir` inside it. */
  readonly dir: string;
  readonly home: EscherHome;
  readonly env: NodeJS.ProcessEnv;
  readonly runs: readonly CliRun[];
  run(...args: string[]): Promise<CliRun>;
  /** A run with some environment variables changed (a wrong passphrase, a missing one). */
  runWith(overrides: EnvOverrides, ...args: string[]): Promise<CliRun>;
  /** Runs with `--json`, asserts exit 0 and parses stdout. */
  json<T>(...args: string[]): Promise<T>;
  /** `escher resources [filters] --json`. */
  list(...filters: string[]): Promise<ResourceList>;
  /** Starts the CLI without waiting (to signal it mid-run); stdout and stderr are pipes. */
  spawn(...args: string[]): ChildProcess;
  /** Opens the home's store in this process, with the same key the CLI uses. Close it after. */
  openStore(): Promise<Store>;
  /** Removes the temp directory. */
  cleanup(): void;
}

/**
 * Creates a harness with a fresh home whose store key is a passphrase (no keychain, no key file),
 * so every run — and `runWith` a wrong one — is deterministic on any machine.
 */
export function createCliHarness(options: { prefix?: string; passphrase?: string } = {}): CliHarness {
  const dir = mkdtempSync(join(tmpdir(), options.prefix ?? 'escher-cli-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ESCHER_HOME: join(dir, 'home'),
    ESCHER_PASSPHRASE: options.passphrase ?? 'cli test passphrase',
  };
  // The test runner silences Node's warnings; users see them, so the CLI's runs must too.
  delete env['NODE_NO_WARNINGS'];
  const home = resolveHome(env);
  const runs: CliRun[] = [];
  const withOverrides = (overrides: EnvOverrides): NodeJS.ProcessEnv => {
    const next = { ...env };
    for (const [k, v] of Object.entries(overrides)) {
      if (v === undefined) delete next[k];
      else next[k] = v;
    }
    return next;
  };
  const runIn = (runEnv: NodeJS.ProcessEnv, args: string[]): Promise<CliRun> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [ESCHER_BIN, ...args],
        { env: runEnv, maxBuffer: 256 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const result = { args, code: error ? Number(error.code ?? 1) : 0, stdout, stderr };
          runs.push(result);
          resolve(result);
        },
      );
    });
  const harness: CliHarness = {
    dir,
    home,
    env,
    runs,
    run: (...args) => runIn(env, args),
    runWith: (overrides, ...args) => runIn(withOverrides(overrides), args),
    async json<T>(...args: string[]): Promise<T> {
      const r = await runIn(env, [...args, '--json']);
      assert.equal(r.code, 0, `escher ${args.join(' ')} --json exited ${r.code}: ${r.stderr}`);
      return JSON.parse(r.stdout) as T;
    },
    list: (...filters) => harness.json<ResourceList>('resources', ...filters),
    spawn: (...args) =>
      spawn(process.execPath, [ESCHER_BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] }),
    openStore: () => openStore(home, env),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  return harness;
}

/** The `escher accounts add` argument lists that connect all three clouds of a simulator. */
export function simAccountArgs(h: { dir: string }, sim: SimTarget, secret: string): string[][] {
  const caFile = join(h.dir, 'azure-ca.pem');
  writeFileSync(caFile, sim.caCert);
  const roles = (sim.manifest.accounts['aws'] ?? []).flatMap((a) => [
    '--role-arn',
    `arn:aws:iam::${a.id}:role/escher-read`,
  ]);
  return [
    [
      'aws',
      '--name',
      'sim-aws',
      '--endpoint',
      sim.aws,
      '--access-key-id',
      'AKIAESCHERCLI0000001',
      '--secret-access-key',
      secret,
      ...roles,
    ],
    [
      'azure',
      '--name',
      'sim-azure',
      '--endpoint',
      sim.azure,
      '--ca-file',
      caFile,
      '--tenant',
      sim.azureTenantId,
      '--client-id',
      'escher-cli',
      '--client-secret',
      secret,
    ],
    ['gcp', '--name', 'sim-gcp', '--endpoint', sim.gcp, '--access-token', secret],
  ];
}

/**
 * `escher init`, then the simulator's clouds connected as `sim-aws|azure|gcp` (all three, or the
 * ones named: a test about one cloud's failure syncs faster without the others).
 */
export async function initWithSimAccounts(
  h: CliHarness,
  sim: SimTarget,
  secret: string,
  clouds: readonly Cloud[] = CLOUDS,
): Promise<CliRun[]> {
  const init = await h.run('init');
  assert.equal(init.code, 0, init.stderr);
  const adds: CliRun[] = [];
  for (const args of simAccountArgs(h, sim, secret).filter((a) => clouds.includes(a[0] as Cloud))) {
    const r = await h.run('accounts', 'add', ...args);
    assert.equal(r.code, 0, r.stderr);
    adds.push(r);
  }
  return adds;
}

/** The summary `escher sync --json` prints (SPEC section 7). */
export interface SyncSummaryJson {
  resources: number;
  added: number;
  changed: number;
  removed: number;
  errors: {
    stage: string;
    cloud: string;
    account?: string;
    region?: string;
    service?: string;
    code: string;
    message: string;
  }[];
  apiCalls: number;
  durationMs: number;
}

/** Resource counts keyed `cloud/account/type`, the manifest's own breakdown. */
export function countsOf(resources: readonly Resource[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of resources) {
    const key = `${r.cloud}/${r.account}/${r.type}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return sortKeys(counts);
}

/** The manifest's counts keyed `cloud/account/type` (of some clouds), comparable with `countsOf`. */
export function manifestCounts(
  manifest: SimManifest,
  clouds: readonly Cloud[] = CLOUDS,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [cloud, accounts] of Object.entries(manifest.counts)) {
    if (!clouds.includes(cloud as Cloud)) continue;
    for (const [account, types] of Object.entries(accounts ?? {})) {
      for (const [type, n] of Object.entries(types ?? {})) {
        if (n) counts[`${cloud}/${account}/${type}`] = n;
      }
    }
  }
  return sortKeys(counts);
}

/** How many resources the manifest says some clouds hold. */
export function manifestTotal(manifest: SimManifest, clouds: readonly Cloud[] = CLOUDS): number {
  return Object.values(manifestCounts(manifest, clouds)).reduce((a, b) => a + b, 0);
}

/** Ids that occur more than once. */
export function duplicateIds(resources: readonly Resource[]): string[] {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const r of resources) {
    if (seen.has(r.id)) dupes.add(r.id);
    seen.add(r.id);
  }
  return [...dupes];
}

/**
 * Replaces the simulator's fault configuration (`POST /_sim/faults`). Rate limits stay off unless
 * given, as `startSimProcess` starts it, since the endpoint resets omitted fields to defaults.
 */
export async function setSimFaults(sim: SimTarget, faults: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sim.aws}/_sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rateLimits: { enabled: false }, ...faults }),
  });
  assert.equal(res.status, 200, await res.text());
}

/** How many calls the simulator served since `clearSimCalls`, and how many it faulted, by fault. */
export interface SimFaultCounts {
  calls: number;
  throttle: number;
  error: number;
  outage: number;
}

/** Counts the call log's injected faults, the ground truth that a fault really happened. */
export async function simFaultCounts(sim: SimTarget): Promise<SimFaultCounts> {
  const res = await fetch(`${sim.aws}/_sim/calls`);
  const { calls } = (await res.json()) as { calls: { fault?: string }[] };
  const counts: SimFaultCounts = { calls: calls.length, throttle: 0, error: 0, outage: 0 };
  for (const c of calls) {
    if (c.fault === 'throttle' || c.fault === 'error' || c.fault === 'outage') counts[c.fault] += 1;
  }
  return counts;
}

export async function clearSimCalls(sim: SimTarget): Promise<void> {
  await fetch(`${sim.aws}/_sim/calls`, { method: 'DELETE' });
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
