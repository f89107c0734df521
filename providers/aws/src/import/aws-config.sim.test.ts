import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource, ResourceType } from '@escher/protocol';
import { discoverAll, startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import { awsProvider } from '../index.ts';
import { AwsConfigImporter } from './aws-config-importer.ts';
import { readConfigItems } from './config-snapshot.testing.ts';

/**
 * What an AWS Config item cannot carry, per type: these fields of the imported resource may
 * differ from (or be absent beside) the synced one. Everything else must be equal.
 */
const NOT_IN_CONFIG: Partial<Record<ResourceType, readonly string[]>> = {
  // Config records no target groups: the targets and their health are unknown.
  'network.loadbalancer': [
    'attributes.targetGroups',
    'attributes.targetCount',
    'attributes.unhealthyTargets',
    'relationships',
  ],
  // The CloudFormation shape has no platform version.
  'container.cluster': ['attributes.platformVersion'],
  // No MFA devices, access keys, login profile or last password use in Config's IAM user.
  'iam.user': [
    'attributes.consoleAccess',
    'attributes.mfaEnabled',
    'attributes.mfaDevices',
    'attributes.accessKeys',
    'attributes.activeAccessKeys',
    'attributes.oldestActiveAccessKeyCreatedAt',
    'attributes.accessKeyAgeDays',
    'attributes.passwordLastUsed',
  ],
  'iam.role': ['attributes.description', 'attributes.maxSessionDurationSeconds'],
};

/** SPEC types a sync finds that AWS Config has no resource type for. */
const NO_CONFIG_TYPE: readonly ResourceType[] = ['compute.snapshot'];

function comparable(r: Resource, ignore: readonly string[]): Record<string, unknown> {
  const attributes = { ...r.attributes };
  for (const field of ignore)
    if (field.startsWith('attributes.')) delete attributes[field.slice('attributes.'.length)];
  const { id: _id, attributes: _a, costMonthly: _c, ...rest } = r;
  const out: Record<string, unknown> = { ...rest, attributes };
  for (const field of ignore) if (!field.startsWith('attributes.')) delete out[field];
  return out;
}

describe('AWS Config import against the simulator', () => {
  let sim: SimTarget;
  let synced: Resource[];
  let imported: Resource[];
  const ignored: string[] = [];
  before(async () => {
    sim = await startSimProcess(['--seed', '11', '--size', 'small']);
    const accounts = sim.manifest.accounts['aws']!.map((a) => a.id);
    const provider = awsProvider.create(
      {
        kind: 'roles',
        base: { kind: 'keys', accessKeyId: 'AKIAESCHERIMPORT0001', secretAccessKey: 'import' },
        roleArns: accounts.map((a) => `arn:aws:iam::${a}:role/escher-read`),
      },
      { endpoint: sim.aws },
    );
    synced = await discoverAll(provider);
    const items = [];
    for (const account of accounts)
      items.push(...(await readConfigItems(sim.aws, account, await provider.listRegions(account))));
    // What the file would hold: snapshot items, some as `select-resource-config` JSON strings.
    const records = items.map((item, i) => (i % 3 === 0 ? JSON.stringify(item) : item));
    const importer = new AwsConfigImporter();
    for (const record of records) importer.observe(record);
    imported = records.flatMap((record, i) => {
      const outcome = importer.normalise(record, `configurationItems[${i}]`);
      if ('ignored' in outcome) {
        ignored.push(outcome.ignored);
        return [];
      }
      return outcome.resources;
    });
  });
  after(() => sim?.stop());

  it('imports every resource of every type Config records, and only those', () => {
    const expected = synced
      .filter((r) => !NO_CONFIG_TYPE.includes(r.type))
      .map((r) => r.id)
      .sort();
    assert.deepEqual(imported.map((r) => r.id).sort(), expected);
    assert.ok(
      ignored.every((t) => t === 'AWS::KMS::Alias'),
      `unexpected ignored types: ${ignored.join(', ')}`,
    );
  });

  const TYPES: ResourceType[] = [
    'compute.instance',
    'compute.volume',
    'network.firewall',
    'network.ip',
    'network.vpc',
    'network.subnet',
    'network.loadbalancer',
    'database.instance',
    'serverless.function',
    'container.cluster',
    'security.key',
    'storage.bucket',
    'iam.user',
    'iam.role',
  ];
  for (const type of TYPES) {
    it(`normalises ${type} exactly as a sync does${NOT_IN_CONFIG[type] ? ` (but ${NOT_IN_CONFIG[type]!.join(', ')})` : ''}`, () => {
      const ignore = NOT_IN_CONFIG[type] ?? [];
      const mine = synced.filter((r) => r.type === type);
      assert.ok(mine.length > 0, `the estate has no ${type}`);
      const byId = new Map(imported.map((r) => [r.id, r]));
      for (const want of mine) {
        const got = byId.get(want.id);
        assert.ok(got, `${want.id} not imported`);
        assert.deepEqual(comparable(got, ignore), comparable(want, ignore), want.id);
        for (const field of ignore)
          if (field.startsWith('attributes.'))
            assert.equal(
              got.attributes[field.slice(11)],
              undefined,
              `${field} should be unknown, not guessed`,
            );
      }
    });
  }
});
