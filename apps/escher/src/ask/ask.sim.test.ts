import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CreateTagsCommand, DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { toPlaybookBrief } from '@escher/protocol';
import { startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import { createApiKeyRing, startServer, type RunningServer } from '@escher/server';
import { changedIds, instantTransitions, simInstanceStates } from '../engine/engine.testing.ts';
import { createCliHarness, initWithSimAccounts, type CliHarness } from '../cli/testing/cli-harness.ts';
import { builtinPlaybooks } from '../playbooks/playbook-library.ts';
import type { AskJson } from './ask-flow.ts';
import { startRecordingProxy, type RecordingProxy } from './testing/recording-proxy.ts';

const CANARY = `canary-9c2e${randomBytes(6).toString('hex')}`;
/** The account's secret access key: it lives in the vault. */
const VAULT_SECRET = `vault-canary-${randomBytes(9).toString('hex')}`;
const TAG_VALUE = `${CANARY}-tag-value`;
const NAME = `${CANARY}-vm-name`;
const BUCKET = `${CANARY}-bucket`;
const ENV_SECRET = `env-canary-${randomBytes(9).toString('hex')}`;
const SERVER_KEY = `ask-test-key-${randomBytes(12).toString('hex')}`;

// `escher ask` through the real binary against escher-sim, talking to a real intelligence server
// through a recording proxy: what left the machine is checked byte for byte.
describe('escher ask against escher-sim and a recorded server', () => {
  let sim: SimTarget;
  let h: CliHarness;
  let server: RunningServer;
  let proxy: RecordingProxy;
  let env: Record<string, string>;

  before(async () => {
    sim = await startSimProcess(['--seed', '17', '--size', 'small']);
    h = createCliHarness({ prefix: 'escher-ask-' });
    await initWithSimAccounts(h, sim, VAULT_SECRET, ['aws']);
    await plantCanaries(sim);
    const sync = await h.run('sync');
    assert.equal(sync.code, 0, sync.stderr);
    server = await startServer({
      keys: createApiKeyRing([{ tenant: 'test', key: SERVER_KEY }]),
      port: 0,
      catalog: builtinPlaybooks().map(({ playbook }) => ({
        summary: toPlaybookBrief(playbook),
        source: 'global' as const,
      })),
    });
    proxy = await startRecordingProxy(server.url);
    env = {
      ESCHER_SERVER_URL: proxy.url,
      ESCHER_SERVER_KEY: SERVER_KEY,
      AWS_SECRET_ACCESS_KEY: ENV_SECRET,
      GITHUB_TOKEN: ENV_SECRET,
    };
  });
  after(async () => {
    await proxy?.close();
    await server?.close();
    await sim?.stop();
    h?.cleanup();
  });

  const ask = async (...args: string[]): Promise<AskJson> => {
    const r = await h.runWith(env, 'ask', ...args, '--json');
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as AskJson;
  };

  it('answers a read action from the local store, the canaries included, in SPEC 7 shape', async () => {
    const out = await ask('--new', 'list all the buckets');
    assert.deepEqual(Object.keys(out), ['request', 'intent', 'targets', 'plan', 'answer']);
    assert.deepEqual(Object.keys(out.plan), [
      'playbook',
      'alternatives',
      'steps',
      'risk',
      'requiresApproval',
      'validation',
    ]);
    assert.equal(out.intent.action, 'list');
    assert.equal(out.intent.resourceType, 'storage.bucket');
    assert.ok(
      out.targets.some((r) => r.name === BUCKET),
      'the canary bucket was found locally',
    );
    assert.match(out.answer, /^Found \d+ storage\.bucket resources/);
    const vms = await ask('show the VMs in us-east-1');
    const planted = vms.targets.find((r) => r.name === NAME);
    assert.equal(planted?.tags['canary'], TAG_VALUE, 'the canary VM and its tag are in the answer');
  });

  it('plans a change through the engine with --dry-run, and follow-ups reuse the targets', async () => {
    const first = await ask('--new', 'list the running VMs in us-east-1');
    const ids = new Set(first.targets.map((r) => r.id));
    assert.ok(ids.size > 0);
    const narrowed = await ask('only the dev ones');
    assert.ok(narrowed.targets.length > 0 && narrowed.targets.length < ids.size);
    assert.ok(narrowed.targets.every((r) => ids.has(r.id) && r.environment === 'dev'));
    const stop = await ask('stop them', '--dry-run');
    assert.equal(stop.intent.action, 'stop');
    assert.deepEqual(stop.targets.map((r) => r.id).sort(), narrowed.targets.map((r) => r.id).sort());
    assert.equal(stop.plan.playbook?.id, 'stop-compute-instance');
    assert.equal(stop.plan.requiresApproval, true);
    assert.equal(stop.plan.risk, 'medium');
    assert.ok(stop.plan.steps.length >= stop.targets.length);
    const undo = await ask('undo that', '--dry-run');
    assert.equal(undo.intent.action, 'start');
    assert.deepEqual(undo.targets.map((r) => r.id).sort(), narrowed.targets.map((r) => r.id).sort());
  });

  it('sends the server no vault secret, tag value, unmentioned name or environment secret', async () => {
    // A user pasting the account's secret into a question: it is scrubbed before it leaves.
    await ask('--new', `stop the dev VMs, my key is ${VAULT_SECRET}`, '--dry-run');
    await ask('how many instances cost more than $10 a month');
    const recorded = proxy.recorded;
    assert.ok(recorded.length >= 6, `requests went through the proxy (${recorded.length})`);
    for (const r of recorded) {
      const everything = JSON.stringify({ url: r.url, headers: r.headers, body: r.body });
      for (const canary of [CANARY, VAULT_SECRET, ENV_SECRET, 'AKIAESCHERCLI']) {
        assert.ok(!everything.includes(canary), `a request to ${r.url} carried '${canary}'`);
      }
      const body = JSON.parse(r.body) as { context: Record<string, unknown> };
      assert.ok(!('resources' in body), 'no raw resources');
      assert.deepEqual(Object.keys(body.context).sort(), [
        'accounts',
        'clouds',
        'environments',
        'names',
        'regions',
        'resourceCount',
        'tagKeys',
        'types',
      ]);
    }
    const pasted = recorded.find((r) => r.body.includes('my key is'));
    assert.ok(pasted?.body.includes('[REDACTED]'), 'the pasted secret was replaced');
  });

  it('executes an approved change with --yes, and refuses --yes for production', async () => {
    await instantTransitions(sim);
    const vms = (await h.list('--type', 'compute.instance', '--state', 'running')).resources.filter(
      (r) => r.cloud === 'aws' && !r.name.includes(CANARY),
    );
    const unique = (env: string): string[] =>
      vms
        .filter((r) => r.environment === env && vms.filter((o) => o.name === r.name).length === 1)
        .map((r) => r.name);
    // A dev VM whose plan has no error (none is the last healthy target of a load balancer).
    let chosen: string | undefined;
    for (const name of unique('dev').slice(0, 6)) {
      const dry = await ask('--new', `stop ${name}`, '--dry-run');
      if (dry.targets.length === 1 && !dry.plan.validation.some((v) => v.level === 'error')) {
        chosen = name;
        break;
      }
    }
    assert.ok(chosen, 'a dev VM that can be stopped');
    const regions = sim.manifest.regions['aws'] ?? [];
    const before = await simInstanceStates(sim, regions);
    const r = await h.runWith(env, 'ask', '--new', `stop ${chosen}`, '--yes', '--json');
    assert.equal(r.code, 0, r.stderr);
    const done = JSON.parse(r.stdout) as AskJson & { execution: { state: string; targetCount: number } };
    assert.equal(done.execution.state, 'succeeded');
    assert.equal(done.execution.targetCount, 1);
    const stopped = changedIds(before, await simInstanceStates(sim, regions));
    assert.deepEqual(stopped, [done.targets[0]!.id.split('/').at(-1)], 'exactly the one VM changed');

    const prod = unique('prod')[0];
    assert.ok(prod, 'a running production VM');
    const beforeProd = await simInstanceStates(sim, regions);
    const refused = await h.runWith(env, 'ask', '--new', `stop ${prod}`, '--yes');
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /production/i);
    assert.deepEqual(changedIds(beforeProd, await simInstanceStates(sim, regions)), [], 'nothing changed');
  });
});

async function plantCanaries(sim: SimTarget): Promise<void> {
  const account = sim.manifest.accounts['aws']![0]!.id;
  const credentials = { accessKeyId: `AKIA${account}CANARY`, secretAccessKey: 'test' };
  const s3 = new S3Client({ endpoint: sim.aws, region: 'us-east-1', forcePathStyle: true, credentials });
  try {
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket: BUCKET,
        Tagging: { TagSet: [{ Key: 'owner', Value: TAG_VALUE }] },
      }),
    );
  } finally {
    s3.destroy();
  }
  const ec2 = new EC2Client({ endpoint: sim.aws, region: 'us-east-1', credentials });
  try {
    const found = await ec2.send(new DescribeInstancesCommand({}));
    const id = found.Reservations?.flatMap((r) => r.Instances ?? [])[0]?.InstanceId;
    assert.ok(id, 'the estate has an EC2 instance in us-east-1');
    await ec2.send(
      new CreateTagsCommand({
        Resources: [id],
        Tags: [
          { Key: 'Name', Value: NAME },
          { Key: 'canary', Value: TAG_VALUE },
        ],
      }),
    );
  } finally {
    ec2.destroy();
  }
}
