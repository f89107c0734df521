import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { ExecutionRecord, LedgerEntry, PlaybookState, Resource } from '@escher/protocol';
import { startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import { openAccountSecrets } from '../cli/accounts-file.ts';
import { initHome } from '../cli/escher-home.ts';
import { createCliHarness, simAccountArgs, type CliHarness } from '../cli/testing/cli-harness.ts';
import { PlaybookCatalog } from '../playbooks/index.ts';
import { systemClock } from '../store/index.ts';
import { ExecutionTable } from './execution-table.ts';

/** A fixture file of the engine tests. */
export function engineFixture(name: string): string {
  return new URL(`./fixtures/${name}`, import.meta.url).pathname;
}

/** Puts the fake `aws` (fixtures/fake-aws.cjs) first on the harness's PATH; returns its directory. */
export function installFakeAws(h: CliHarness): string {
  const bin = join(h.dir, 'bin');
  mkdirSync(bin, { recursive: true });
  copyFileSync(engineFixture('fake-aws.cjs'), join(bin, 'aws'));
  chmodSync(join(bin, 'aws'), 0o755);
  const env = h.env as Record<string, string | undefined>;
  env['PATH'] = `${bin}:${env['PATH'] ?? ''}`;
  return bin;
}

/** Adds playbook files to the home and moves them to `state` (draft → review → testing [→ ready]). */
export async function addPlaybooks(
  h: CliHarness,
  files: readonly string[],
  state: PlaybookState = 'testing',
): Promise<void> {
  const store = await h.openStore();
  try {
    const secrets = await openAccountSecrets(h.home, store);
    const catalog = new PlaybookCatalog({
      db: store.database(),
      record: (event) => secrets.ledger.append(event),
      clock: systemClock,
      userDir: join(h.home.dir, 'playbooks'),
    });
    for (const file of files) {
      const { change } = catalog.add(file);
      const path: PlaybookState[] =
        state === 'ready' ? ['review', 'testing', 'ready'] : ['review', 'testing'];
      for (const to of path) catalog.setState(change.id, to);
    }
  } finally {
    store.close();
  }
}

/** Every EC2 instance state in the simulator, by instance id (the ground truth, not the store). */
export async function simInstanceStates(
  sim: SimTarget,
  regions: readonly string[],
): Promise<Map<string, string>> {
  const states = new Map<string, string>();
  for (const account of sim.manifest.accounts['aws'] ?? []) {
    for (const region of regions) {
      const ec2 = new EC2Client({
        endpoint: sim.aws,
        region,
        credentials: { accessKeyId: `AKIA${account.id}`, secretAccessKey: 'test' },
      });
      const out = await ec2.send(new DescribeInstancesCommand({}));
      for (const i of out.Reservations?.flatMap((r) => r.Instances ?? []) ?? []) {
        states.set(i.InstanceId ?? '', i.State?.Name ?? '');
      }
      ec2.destroy();
    }
  }
  return states;
}

/** The instance ids whose state differs between two snapshots. */
export function changedIds(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): string[] {
  return [...after.keys()].filter((id) => before.get(id) !== after.get(id)).sort();
}

/** `POST /_sim/timing {"transitionMs": 0}`: state changes complete at once, so verifies pass without waiting. */
export async function instantTransitions(sim: SimTarget): Promise<void> {
  const res = await fetch(`${sim.aws}/_sim/timing`, {
    method: 'POST',
    body: JSON.stringify({ transitionMs: 0 }),
  });
  assert.equal(res.status, 200);
}

/** The plan and execution ids of `escher run`'s first line. */
export function idsOf(stdout: string): { planId: string; executionId: string } {
  const m = /Plan (plan-[0-9a-f]+) \(execution (ex-[0-9a-f]+)\)/.exec(stdout);
  assert.ok(m, `no plan line in: ${stdout.slice(0, 300)}`);
  return { planId: m[1] as string, executionId: m[2] as string };
}

/** A simulator process and a home with its AWS accounts connected and synced, ready for `escher run`. */
export interface EngineSim {
  sim: SimTarget;
  h: CliHarness;
  /** The AWS instances the store holds after the sync. */
  instances: Resource[];
}

/** The secret access key the tests' AWS account is added with (must never appear in output). */
export const ENGINE_TEST_SECRET = 'engine-test-secret-value-42';

/**
 * Starts `escher-sim` (seed 5, small, instant transitions), a home with the fake `aws` on PATH,
 * the simulator's AWS accounts added, `prepare` run against the simulator, one sync, and the
 * fixture playbooks added in `testing`. CLI starts are slow on a loaded machine: one sync only.
 */
export async function startEngineSim(
  playbooks: readonly string[],
  prepare: (sim: SimTarget) => Promise<void> = async () => undefined,
): Promise<EngineSim> {
  const sim = await startSimProcess(['--seed', '5', '--size', 'small']);
  await instantTransitions(sim);
  const h = createCliHarness({ prefix: 'escher-engine-' });
  installFakeAws(h);
  // `escher init` in this process (it only creates the home and store): one CLI start fewer.
  await initHome(h.home, h.env);
  const aws = simAccountArgs(h, sim, ENGINE_TEST_SECRET).find((a) => a[0] === 'aws') ?? [];
  const add = await h.run('accounts', 'add', ...aws);
  assert.equal(add.code, 0, add.stderr);
  await prepare(sim);
  const sync = await h.run('sync');
  assert.equal(sync.code, 0, sync.stderr);
  if (playbooks.length > 0) await addPlaybooks(h, playbooks.map(engineFixture));
  const store = await h.openStore();
  try {
    const instances = store.listResources({ type: 'compute.instance', cloud: 'aws' });
    return { sim, h, instances };
  } finally {
    store.close();
  }
}

/** The ledger entries and one execution as the store holds them, read in this process. */
export async function readBack(
  h: CliHarness,
  executionId?: string,
): Promise<{ ledger: LedgerEntry[]; execution?: ExecutionRecord }> {
  const store = await h.openStore();
  try {
    const secrets = await openAccountSecrets(h.home, store);
    const ledger = secrets.ledger.list({ limit: 100_000 });
    if (executionId === undefined) return { ledger };
    return { ledger, execution: new ExecutionTable(store.database()).get(executionId) };
  } finally {
    store.close();
  }
}

/** The first EC2 instance the simulator has in `region` of its first AWS account (read from the cloud). */
export async function firstSimInstance(
  sim: SimTarget,
  region: string,
): Promise<{ id: string; account: string }> {
  const account = (sim.manifest.accounts['aws'] ?? [])[0];
  assert.ok(account);
  const ec2 = new EC2Client({
    endpoint: sim.aws,
    region,
    credentials: { accessKeyId: `AKIA${account.id}`, secretAccessKey: 'test' },
  });
  const out = await ec2.send(new DescribeInstancesCommand({}));
  ec2.destroy();
  const id = out.Reservations?.[0]?.Instances?.[0]?.InstanceId;
  assert.ok(id);
  return { id, account: account.id };
}
