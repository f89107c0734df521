import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Resource } from '@escher/protocol';
import type { CliIo } from '../cli/cli-io.ts';
import { resolveHome } from '../cli/escher-home.ts';
import { runCli } from '../cli/main.ts';
import { defaultKeySource, Store } from '../store/index.ts';
import { ManualClock, testInstance, testScope } from '../store/testing/index.ts';

/** One in-process CLI run. */
export interface FixtureRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** An initialised `ESCHER_HOME` with a two-sync history, and the CLI to run against it. */
export interface GraphCliFixture {
  /** The resources of the estate, by name. */
  byName: Readonly<Record<string, Resource>>;
  /** When the first sync ran (3 h ago) and the second (1 h ago), epoch ms. */
  firstSyncAt: number;
  secondSyncAt: number;
  run(...args: string[]): Promise<FixtureRun>;
  /** Runs with `--json`, fails unless the exit code is 0, parses stdout. */
  json<T>(...args: string[]): Promise<T>;
  cleanup(): void;
}

const HOUR = 3_600_000;
const arn = (kind: string, id: string): string => `arn:aws:ec2:us-east-1:111122223333:${kind}/${id}`;

/**
 * Runs `escher init` in a temp home, then writes two syncs into its store the way `escher sync`
 * would, at fixed times in the past (3 h and 1 h ago), so `--changed-since 2h` has a known answer:
 * sync 1 lists a security group, two instances behind a load balancer and `old-batch`; sync 2
 * stops `web-1` and changes its owner tag, adds `web-3`, and no longer finds `old-batch`.
 */
export async function createGraphCliFixture(): Promise<GraphCliFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'escher-graph-cli-'));
  const env = { ESCHER_HOME: join(dir, 'home'), ESCHER_PASSPHRASE: 'graph cli test' };
  const run = async (...args: string[]): Promise<FixtureRun> => {
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env,
    };
    // runCli reports process.exitCode, which node:test sets to 1 once any test has failed:
    // clear it for the run and put it back, so one failure does not fail every later run.
    const saved = process.exitCode;
    process.exitCode = undefined;
    try {
      const code = await runCli(args, io);
      return { code, stdout, stderr };
    } finally {
      process.exitCode = saved;
    }
  };
  const init = await run('init');
  assert.equal(init.code, 0, `escher init failed: ${init.stderr}`);

  const sg = testInstance('web-sg', {
    id: arn('security-group', 'sg-web'),
    type: 'network.firewall',
    nativeType: 'AWS::EC2::SecurityGroup',
    environment: 'prod',
  });
  delete sg.state;
  const instance = (name: string, extra: Partial<Resource> = {}): Resource =>
    testInstance(name, {
      environment: 'prod',
      relationships: [{ kind: 'security-group', targetId: sg.id }],
      ...extra,
    });
  const web1 = instance('web-1');
  const web2 = instance('web-2');
  const lb = testInstance('web-lb', {
    id: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web-lb/1',
    type: 'network.loadbalancer',
    nativeType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    state: 'active',
    environment: 'prod',
    relationships: [
      { kind: 'lb-target', targetId: web1.id },
      { kind: 'lb-target', targetId: web2.id },
    ],
  });
  const old = instance('old-batch', { environment: 'dev' });
  const web1Stopped = { ...web1, state: 'stopped', tags: { ...web1.tags, owner: 'bo' } };
  const web3 = instance('web-3');

  const home = resolveHome(env);
  const now = Date.now();
  const clock = new ManualClock(now - 3 * HOUR);
  const store = new Store({
    path: home.storeFile,
    keySource: defaultKeySource({ home: home.dir, env }),
    clock,
  });
  await store.open();
  try {
    const first = store.beginSync();
    store.replaceScope(testScope(), [sg, web1, web2, lb, old], first);
    store.finishSync(first, { apiCalls: 5 });
    clock.advance(2 * HOUR);
    const second = store.beginSync();
    store.replaceScope(testScope(), [sg, web1Stopped, web2, lb, web3], second);
    store.finishSync(second, { apiCalls: 5 });
  } finally {
    store.close();
  }

  return {
    byName: { 'web-sg': sg, 'web-1': web1, 'web-2': web2, 'web-3': web3, 'web-lb': lb, 'old-batch': old },
    firstSyncAt: now - 3 * HOUR,
    secondSyncAt: now - HOUR,
    run,
    async json<T>(...args: string[]): Promise<T> {
      const r = await run(...args, '--json');
      assert.equal(r.code, 0, `escher ${args.join(' ')} --json exited ${r.code}: ${r.stderr}`);
      return JSON.parse(r.stdout) as T;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
