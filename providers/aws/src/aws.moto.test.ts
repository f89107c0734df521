import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PutMetricDataCommand, CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { NATIVE_TYPES, ResourceSchema, deriveEnvironment, type Resource } from '@escher/protocol';
import { discoverAll } from '@escher/provider-api/contract';
import { awsProvider } from './index.ts';
import type { AwsProvider } from './provider.ts';
import { startMoto, type MotoServer } from '@escher/provider-api/contract';
import { createMotoEstate, MOTO_ACCOUNT, type Created } from './testing/moto-estate.ts';

const REGION = 'us-east-1';
const KEYS = { kind: 'keys', accessKeyId: 'AKIAMOTOESCHER000001', secretAccessKey: 'moto' } as const;

/** moto is a test tool: required on CI, skipped (and said so) on a machine without it. */
function motoMissing(): string | false {
  const probe = spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' });
  if (probe.status === 0) return false;
  if (process.env.CI)
    throw new RangeError('moto is missing on CI; .ci/run must install it (pip install "moto[server]")');
  return 'python3 with moto is not installed (pip install "moto[server]")';
}

/**
 * The provider against moto, an AWS emulator nobody here wrote: the test builds an estate with
 * the SDK and the provider must find exactly that (plus what AWS itself creates: default VPCs,
 * their subnets and groups, instances' root volumes, the aws/ebs key), with the right types,
 * states, tags and flags. Scans us-east-1 (the estate) and eu-west-1 (empty but for defaults):
 * moto lists ~1,200 public AMI snapshots in every region it is asked about, so all 24 regions
 * take ~17 s; the all-regions path is covered by the simulator's contract test.
 */
describe('aws provider against moto', { skip: motoMissing() }, () => {
  let moto: MotoServer;
  let provider: AwsProvider;
  let created: Created;
  let resources: Resource[];
  const byId = (id: string) => resources.find((r) => r.id === id);

  before(async () => {
    moto = await startMoto();
    created = await createMotoEstate(moto.endpoint, REGION);
    provider = awsProvider.create(KEYS, {
      endpoint: moto.endpoint,
      regions: [REGION, 'eu-west-1'],
    }) as AwsProvider;
    resources = await discoverAll(provider);
  });
  after(async () => {
    provider?.close();
    await moto?.close();
  });

  it('reaches the account and the enabled regions moto serves', async () => {
    assert.deepEqual(await provider.listAccounts(), [{ id: MOTO_ACCOUNT, name: MOTO_ACCOUNT }]);
    assert.deepEqual(await provider.listRegions(MOTO_ACCOUNT), ['eu-west-1', REGION]);
    const everywhere = awsProvider.create(KEYS, { endpoint: moto.endpoint }) as AwsProvider;
    const regions = await everywhere.listRegions(MOTO_ACCOUNT);
    everywhere.close();
    assert.ok(regions.includes('eu-central-1') && regions.includes(REGION), regions.join());
    assert.ok(!regions.includes('ap-east-1'), 'an opt-in region that is not enabled is left out');
  });

  it('discovers everything the test created, with its type, state, tags and flags', () => {
    for (const [id, expected] of created.resources) {
      const found = byId(id);
      assert.ok(found, `${expected.type} ${id} not discovered`);
      assert.equal(found.type, expected.type, id);
      if (expected.state) assert.equal(found.state, expected.state, id);
      assert.deepEqual(found.tags, expected.tags, id);
      for (const [key, value] of Object.entries(expected.attributes ?? {})) {
        assert.deepEqual(found.attributes[key], value, `${id} ${key}`);
      }
    }
  });

  it('discovers nothing else but what AWS creates by itself', () => {
    const instances = new Set([...created.resources.keys()].filter((id) => id.includes(':instance/')));
    const implicit = (r: Resource): boolean =>
      (r.type === 'network.vpc' && r.attributes.isDefault === true) ||
      (r.type === 'network.subnet' && r.attributes.defaultForAz === true) ||
      (r.type === 'network.firewall' && r.attributes.groupName === 'default') ||
      (r.type === 'compute.volume' &&
        instances.has(String(r.attributes.attachedTo)) &&
        r.attributes.device === '/dev/sda1') ||
      (r.type === 'security.key' && (r.attributes.aliases as string[]).includes('alias/aws/ebs'));
    const unexpected = resources.filter((r) => !created.resources.has(r.id) && !implicit(r));
    assert.deepEqual(
      unexpected.map((r) => `${r.type} ${r.id}`),
      [],
    );
    const defaults = resources.filter((r) => r.region === 'eu-west-1');
    assert.deepEqual([...new Set(defaults.map((r) => r.type))].sort(), [
      'network.firewall',
      'network.subnet',
      'network.vpc',
    ]);
  });

  it('produces valid resources with SPEC native types and environments from tags', () => {
    for (const r of resources) {
      const parsed = ResourceSchema.safeParse(r);
      assert.ok(parsed.success, r.id);
      assert.ok(NATIVE_TYPES[r.type].aws.includes(r.nativeType), `${r.id} ${r.nativeType}`);
      assert.equal(r.environment, deriveEnvironment(r.tags, r.name), r.id);
    }
    assert.equal(new Set(resources.map((r) => r.id)).size, resources.length, 'ids are unique');
  });

  it('relates resources to each other the way the estate was wired', () => {
    const ids = new Set(resources.map((r) => r.id));
    const [web0, web1] = created.instanceIds.map(
      (id) => `arn:aws:ec2:${REGION}:${MOTO_ACCOUNT}:instance/${id}`,
    );
    const has = (r: Resource | undefined, kind: string, target: string | undefined) =>
      Boolean(r?.relationships.some((rel) => rel.kind === kind && rel.targetId === target));
    const data = resources.find((r) => r.name === 'moto-data')!;
    assert.ok(has(data, 'attached-to', web0));
    assert.ok(has(byId(web0!), 'attached-volume', data.id));
    assert.ok(
      has(
        resources.find((r) => r.name === 'moto-eip-0'),
        'attached-to',
        web0,
      ),
    );
    const alb = resources.find((r) => r.type === 'network.loadbalancer')!;
    assert.ok(has(alb, 'lb-target', web0) && has(alb, 'lb-target', web1), JSON.stringify(alb.relationships));
    const role = `arn:aws:iam::${MOTO_ACCOUNT}:role/moto-app-role`;
    assert.ok(
      has(
        resources.find((r) => r.type === 'serverless.function'),
        'uses-role',
        role,
      ),
    );
    assert.ok(
      has(
        resources.find((r) => r.type === 'container.cluster'),
        'uses-role',
        role,
      ),
    );
    const snapshot = resources.find((r) => r.type === 'compute.snapshot')!;
    assert.ok(has(snapshot, 'snapshot-of', data.id));
    const dangling = resources.flatMap((r) => r.relationships).filter((rel) => !ids.has(rel.targetId));
    assert.deepEqual(dangling, []);
  });

  it('reads the CPU datapoints CloudWatch holds for an instance', async () => {
    const instance = byId(`arn:aws:ec2:${REGION}:${MOTO_ACCOUNT}:instance/${created.instanceIds[0]}`)!;
    const end = Date.now();
    const cloudwatch = new CloudWatchClient({ endpoint: moto.endpoint, region: REGION, credentials: KEYS });
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/EC2',
        MetricData: Array.from({ length: 12 }, (_, i) => ({
          MetricName: 'CPUUtilization',
          Dimensions: [{ Name: 'InstanceId', Value: created.instanceIds[0]! }],
          Timestamp: new Date(end - (i + 1) * 300_000),
          Value: 10 + i,
          Unit: 'Percent' as const,
        })),
      }),
    );
    cloudwatch.destroy();
    const points = await provider.metrics(instance, {
      metric: 'cpu',
      start: end - 3_600_000,
      end,
      periodSeconds: 300,
    });
    assert.equal(points.length, 12);
    assert.deepEqual(
      points.map((p) => p.value),
      Array.from({ length: 12 }, (_, i) => 21 - i),
    );
  });
});
