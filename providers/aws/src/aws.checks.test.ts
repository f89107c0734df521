import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckId, Resource } from '@escher/protocol';
import { discoverAll, startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import { awsProvider } from './index.ts';
import type { AwsProvider } from './provider.ts';

const DAY = 86_400_000;
const ENV_KEYS = ['env', 'environment', 'stage'];

/**
 * SPEC section 6 checks decided from the provider's attributes alone, the way a checker will.
 * Against the simulator, each must find exactly the resources the manifest lists for it.
 */
function attributeChecks(epoch: number): Partial<Record<CheckId, (r: Resource) => boolean>> {
  const a = (r: Resource) => r.attributes;
  return {
    'storage.bucket.public': (r) => r.type === 'storage.bucket' && a(r).public === true,
    'storage.bucket.unencrypted': (r) => r.type === 'storage.bucket' && a(r).encrypted === false,
    'storage.bucket.no-versioning': (r) => r.type === 'storage.bucket' && a(r).versioning !== 'Enabled',
    'network.firewall.open-ssh': (r) => r.type === 'network.firewall' && a(r).openSsh === true,
    'network.firewall.open-rdp': (r) => r.type === 'network.firewall' && a(r).openRdp === true,
    'network.firewall.open-all': (r) => r.type === 'network.firewall' && a(r).openAll === true,
    'compute.volume.unencrypted': (r) => r.type === 'compute.volume' && a(r).encrypted === false,
    'compute.volume.unattached': (r) => r.type === 'compute.volume' && a(r).attached === false,
    'compute.instance.public-ip': (r) => r.type === 'compute.instance' && a(r).public === true,
    'compute.snapshot.old': (r) =>
      r.type === 'compute.snapshot' && Date.parse(r.createdAt!) < epoch - 90 * DAY,
    'compute.snapshot.public': (r) => r.type === 'compute.snapshot' && a(r).public === true,
    'database.instance.public': (r) => r.type === 'database.instance' && a(r).public === true,
    'database.instance.unencrypted': (r) => r.type === 'database.instance' && a(r).encrypted === false,
    'database.instance.no-backup': (r) => r.type === 'database.instance' && a(r).backupRetentionDays === 0,
    'iam.user.no-mfa': (r) =>
      r.type === 'iam.user' && a(r).consoleAccess === true && a(r).mfaEnabled === false,
    'iam.user.old-access-key': (r) => r.type === 'iam.user' && Number(a(r).accessKeyAgeDays) > 90,
    'network.ip.unassociated': (r) => r.type === 'network.ip' && a(r).associated === false,
    'container.cluster.public-endpoint': (r) =>
      r.type === 'container.cluster' && a(r).endpointPublic === true,
    'security.key.no-rotation': (r) =>
      r.type === 'security.key' &&
      a(r).customerManaged === true &&
      a(r).nativeState === 'Enabled' &&
      a(r).rotationEnabled === false,
    'serverless.function.deprecated-runtime': (r) =>
      r.type === 'serverless.function' &&
      typeof a(r).runtimeDeprecatedOn === 'string' &&
      Date.parse(a(r).runtimeDeprecatedOn as string) < epoch,
    'resource.untagged': (r) => {
      if (r.type === 'security.key' && a(r).customerManaged === false) return false;
      if (r.type === 'iam.role' && a(r).serviceLinked === true) return false;
      const keys = Object.keys(r.tags).map((k) => k.toLowerCase());
      return !keys.some((k) => ENV_KEYS.includes(k)) || !keys.includes('owner');
    },
  };
}

describe('AWS attributes decide every SPEC section 6 check the simulator plants', () => {
  let sim: SimTarget;
  let provider: AwsProvider;
  let resources: Resource[];
  let epoch: number;
  before(async () => {
    sim = await startSimProcess(['--seed', '5', '--size', '600']);
    epoch = Date.parse(sim.manifest.epoch);
    provider = awsProvider.create(
      {
        kind: 'roles',
        base: { kind: 'keys', accessKeyId: 'AKIAESCHERCHECKS0001', secretAccessKey: 'checks' },
        roleArns: sim.manifest.accounts.aws!.map((a) => `arn:aws:iam::${a.id}:role/escher-read`),
      },
      { endpoint: sim.aws, now: () => epoch },
    ) as AwsProvider;
    resources = await discoverAll(provider);
  });
  after(async () => {
    provider?.close();
    await sim?.stop();
  });

  for (const checkId of Object.keys(attributeChecks(0)) as CheckId[]) {
    it(checkId, () => {
      const planted = (sim.manifest.misconfigurations[checkId]?.resources ?? [])
        .filter((id) => id.startsWith('arn:aws:'))
        .sort();
      const found = resources
        .filter(attributeChecks(epoch)[checkId]!)
        .map((r) => r.id)
        .sort();
      assert.deepEqual(found, planted);
    });
  }

  it('compute.instance.idle: running instances averaging under 5 % CPU over 7 days', async () => {
    const planted = (sim.manifest.misconfigurations['compute.instance.idle']?.resources ?? [])
      .filter((id) => id.startsWith('arn:aws:'))
      .sort();
    const running = resources.filter((r) => r.type === 'compute.instance' && r.state === 'running');
    const idle: string[] = [];
    const end = Date.now();
    for (const instance of running) {
      const points = await provider.metrics(instance, {
        metric: 'cpu',
        start: end - 7 * DAY,
        end,
        periodSeconds: 3600,
      });
      const mean = points.reduce((s, p) => s + p.value, 0) / points.length;
      if (mean < 5) idle.push(instance.id);
    }
    assert.deepEqual(idle.sort(), planted);
  });
});
