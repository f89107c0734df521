import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateTagsCommand, EC2Client, StopInstancesCommand } from '@aws-sdk/client-ec2';
import type { Resource } from '@escher/protocol';
import { startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import { simAccountArgs } from './testing/cli-harness.ts';

const BIN = new URL('../../bin/escher.mjs', import.meta.url).pathname;
const SECRET = 'cli-test-secret-value';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// End to end through the real `escher` command against a separate simulator process.
describe('escher CLI against escher-sim', () => {
  let sim: SimTarget;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const run = (...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [BIN, ...args],
        { env, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
        },
      );
    });
  const json = async <T>(...args: string[]): Promise<T> => {
    const r = await run(...args, '--json');
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as T;
  };
  const list = (...filters: string[]): Promise<{ count: number; resources: Resource[] }> =>
    json('resources', ...filters);

  before(async () => {
    sim = await startSimProcess(['--seed', '5', '--size', 'small']);
    dir = mkdtempSync(join(tmpdir(), 'escher-cli-'));
    env = { ...process.env, ESCHER_HOME: join(dir, 'home'), ESCHER_PASSPHRASE: 'cli test passphrase' };
  });
  after(async () => {
    await sim?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses commands before init, with a one-line error and nothing on stdout', async () => {
    const r = await run('resources', '--json');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^escher: Escher is not initialised .*escher init.*\n$/);
  });

  it('init, then connects the three clouds without secrets in accounts.json', async () => {
    assert.equal((await run('init')).code, 0);
    const adds = simAccountArgs({ dir }, sim, SECRET);
    for (const args of adds) {
      const r = await run('accounts', 'add', ...args);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Secrets .* stored encrypted in the vault/);
    }
    const listed = await json<{ count: number; accounts: { name: string }[] }>('accounts', 'list');
    assert.deepEqual(
      listed.accounts.map((a) => a.name),
      ['sim-aws', 'sim-azure', 'sim-gcp'],
    );
    assert.ok(!readFileSync(join(dir, 'home', 'accounts.json'), 'utf8').includes(SECRET));
    // The secret is in no file of the home, in any form a byte search finds (the vault is inside
    // the encrypted store), and the additions are in the verified ledger without it.
    for (const file of readdirSync(join(dir, 'home'))) {
      const path = join(dir, 'home', file);
      if (statSync(path).isFile())
        assert.equal(readFileSync(path).indexOf(SECRET), -1, `${file} holds the secret`);
    }
    const audit = await json<{ entries: { kind: string; data: Record<string, unknown> }[] }>(
      'audit',
      'list',
      '--kind',
      'account-added',
    );
    assert.deepEqual(
      audit.entries.map((e) => e.data['account']),
      ['sim-aws', 'sim-azure', 'sim-gcp'],
    );
    assert.ok(!JSON.stringify(audit).includes(SECRET));

    const dup = await run('accounts', 'add', 'gcp', '--name', 'sim-gcp', '--json');
    assert.equal(dup.code, 1);
    assert.equal(dup.stdout, '');
    assert.match(dup.stderr, /already exists/);
  });

  it('sync --json prints exactly the summary, with every resource of the manifest added', async () => {
    const r = await run('sync', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '', 'no progress with --json');
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(summary), [
      'resources',
      'added',
      'changed',
      'removed',
      'errors',
      'apiCalls',
      'durationMs',
    ]);
    assert.deepEqual(summary['errors'], []);
    assert.equal(summary['resources'], sim.manifest.totalResources);
    assert.equal(summary['added'], sim.manifest.totalResources);
    assert.equal(summary['changed'], 0);
    assert.equal(summary['removed'], 0);
    assert.ok((summary['apiCalls'] as number) > 0);
  });

  it('resources filters by type, cloud, region, env, tag and state', async () => {
    const all = await list();
    assert.equal(all.count, sim.manifest.totalResources);
    assert.equal(all.resources.length, all.count);
    assert.deepEqual(Object.keys(all), ['count', 'resources']);

    const awsInstances = await list('--type', 'compute.instance', '--cloud', 'aws');
    const expected = Object.values(sim.manifest.counts['aws']!).reduce(
      (n, c) => n + (c['compute.instance'] ?? 0),
      0,
    );
    assert.equal(awsInstances.count, expected);
    assert.ok(awsInstances.resources.every((r) => r.type === 'compute.instance' && r.cloud === 'aws'));

    const expectedBy = (pred: (r: Resource) => boolean): string[] =>
      all.resources
        .filter(pred)
        .map((r) => r.id)
        .sort();
    const ids = (l: { resources: Resource[] }): string[] => l.resources.map((r) => r.id).sort();

    const prod = await list('--env', 'prod');
    assert.ok(prod.count > 0);
    assert.deepEqual(
      ids(prod),
      expectedBy((r) => r.environment === 'prod'),
    );

    const tagged = all.resources.find((r) => Object.keys(r.tags).length > 0)!;
    const [key, value] = Object.entries(tagged.tags)[0]!;
    assert.deepEqual(
      ids(await list('--tag', `${key}=${value}`)),
      expectedBy((r) => r.tags[key] === value),
    );

    const region = awsInstances.resources[0]!.region;
    assert.deepEqual(
      ids(await list('--region', region, '--cloud', 'aws')),
      expectedBy((r) => r.region === region && r.cloud === 'aws'),
    );
    assert.deepEqual(
      ids(await list('--state', 'running')),
      expectedBy((r) => r.state === 'running'),
    );

    const bad = await run('resources', '--tag', 'nokey', '--json');
    assert.equal(bad.code, 1);
    assert.equal(bad.stdout, '');
    assert.equal(bad.stderr.trim().split('\n').length, 1);
  });

  it('a second sync after stopping one instance and tagging another reports exactly those two changes', async () => {
    const running = (await list('--type', 'compute.instance', '--cloud', 'aws', '--state', 'running'))
      .resources;
    assert.ok(running.length >= 2, 'the estate has two running AWS instances');
    const [stopped, tagged] = running as [Resource, Resource];
    for (const [target, command] of [
      [stopped, (id: string) => new StopInstancesCommand({ InstanceIds: [id] })],
      [
        tagged,
        (id: string) =>
          new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'escher-test', Value: 'yes' }] }),
      ],
    ] as const) {
      const ec2 = new EC2Client({
        endpoint: sim.aws,
        region: target.region,
        credentials: { accessKeyId: `AKIA${target.account}`, secretAccessKey: 'test' },
      });
      await ec2.send(command(target.nativeId!.split('/').at(-1)!) as StopInstancesCommand);
      ec2.destroy();
    }

    const summary = await json<Record<string, unknown>>('sync');
    assert.deepEqual(
      {
        added: summary['added'],
        changed: summary['changed'],
        removed: summary['removed'],
        errors: summary['errors'],
      },
      { added: 0, changed: 2, removed: 0, errors: [] },
    );
    assert.equal(summary['resources'], sim.manifest.totalResources);

    const now = (await list('--cloud', 'aws', '--type', 'compute.instance')).resources;
    assert.notEqual(now.find((r) => r.id === stopped.id)?.state, 'running');
    assert.deepEqual(ids2(await list('--tag', 'escher-test=yes')), [tagged.id]);

    const third = await json<Record<string, unknown>>('sync', '--account', 'sim-gcp');
    assert.equal(third['added'], 0);
    assert.equal(third['changed'], 0);
    assert.equal(third['removed'], 0);
  });
});

function ids2(l: { resources: Resource[] }): string[] {
  return l.resources.map((r) => r.id);
}
