import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EscherError, type Resource } from '@escher/protocol';
import { AwsConfigImporter } from './aws-config-importer.ts';

const snapshot = JSON.parse(
  readFileSync(new URL('fixtures/config-snapshot.json', import.meta.url), 'utf8'),
) as {
  configurationItems: unknown[];
};
const NOW = Date.parse('2025-11-04T00:00:00Z');

function importAll(items: unknown[]): { resources: Resource[]; ignored: string[] } {
  const importer = new AwsConfigImporter({ now: () => NOW });
  for (const item of items) importer.observe(item);
  const ignored: string[] = [];
  const resources = items.flatMap((item, i) => {
    const outcome = importer.normalise(item, `configurationItems[${i}]`);
    return 'ignored' in outcome ? (ignored.push(outcome.ignored), []) : outcome.resources;
  });
  return { resources, ignored };
}

function failure(item: unknown): string {
  try {
    new AwsConfigImporter().normalise(item, 'configurationItems[16]');
  } catch (error) {
    assert.ok(error instanceof EscherError && error.code === 'import-record-invalid');
    return error.message;
  }
  assert.fail('expected import-record-invalid');
}

describe('AWS Config import of a configuration snapshot file (shapes from the AWS Config docs)', () => {
  const { resources, ignored } = importAll(snapshot.configurationItems);
  const byType = (type: string) => resources.find((r) => r.type === type)!;

  it('imports the types Escher models, ignores the others and the deleted, by name', () => {
    assert.deepEqual(resources.map((r) => r.type).sort(), [
      'compute.instance',
      'compute.volume',
      'database.instance',
      'iam.user',
      'network.firewall',
      'security.key',
      'serverless.function',
      'storage.bucket',
    ]);
    assert.deepEqual(ignored.sort(), [
      'AWS::EC2::Instance with status ResourceDeleted',
      'AWS::EC2::NetworkInterface',
      'AWS::KMS::Alias',
    ]);
  });

  it('reads an instance written with an upper-case ARN, a numeric state id and {key, value} tags', () => {
    const vm = byType('compute.instance');
    assert.equal(vm.id, 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0a1b2c3d4e5f60718');
    assert.equal(vm.state, 'running');
    assert.equal(vm.environment, 'prod');
    assert.equal(vm.name, 'checkout-web-1');
    assert.equal(vm.attributes['public'], true);
    assert.equal(vm.attributes['imdsv2Required'], true);
    assert.equal(vm.createdAt, '2025-06-12T10:01:44.000Z');
    assert.ok(
      vm.relationships.some(
        (r) => r.kind === 'attached-volume' && r.targetId.endsWith('vol-0fedcba9876543210'),
      ),
    );
  });

  it('reads the older {tagName, tagValue} tags, `+0000` times and the `availibilityZone` spelling', () => {
    const volume = byType('compute.volume');
    assert.deepEqual(volume.tags, { environment: 'PROD', Name: 'checkout-web-1-root' });
    assert.equal(volume.environment, 'prod');
    assert.equal(volume.createdAt, '2025-06-12T10:01:44.088Z');
    assert.equal(
      volume.attributes['attachedTo'],
      'arn:aws:ec2:eu-west-1:123456789012:instance/i-0a1b2c3d4e5f60718',
    );
    assert.equal(volume.attributes['encrypted'], false);
  });

  it('finds SSH open to ::/0 in rules written with ipRanges strings beside ipv4Ranges', () => {
    const sg = byType('network.firewall');
    assert.equal(sg.attributes['openSsh'], true);
    assert.deepEqual(sg.attributes['ingress'], [
      { protocol: 'tcp', fromPort: 443, toPort: 443, sources: ['0.0.0.0/0'] },
      { protocol: 'tcp', fromPort: 22, toPort: 22, sources: ['::/0'] },
    ]);
  });

  it('reads dBInstanceIdentifier-style names of RDS', () => {
    const db = byType('database.instance');
    assert.equal(db.id, 'arn:aws:rds:eu-west-1:123456789012:db:orders-prd-pg');
    assert.deepEqual(
      [db.attributes['engine'], db.attributes['multiAz'], db.attributes['encrypted'], db.environment],
      ['postgres', true, true, 'prod'],
    );
  });

  it('reads S3 settings from supplementaryConfiguration: a public ACL, versioning Off, AES256', () => {
    const bucket = byType('storage.bucket');
    assert.equal(bucket.region, 'eu-west-1');
    assert.deepEqual(
      [
        bucket.attributes['public'],
        bucket.attributes['publicByAcl'],
        bucket.attributes['versioning'],
        bucket.attributes['encryption'],
      ],
      [true, true, 'Disabled', 'AES256'],
    );
  });

  it('names a KMS key by its AWS::KMS::Alias item and reads KeyRotationStatus', () => {
    const key = byType('security.key');
    assert.equal(key.name, 'orders-db');
    assert.equal(key.attributes['rotationEnabled'], false);
    assert.equal(key.attributes['customerManaged'], true);
  });

  it("leaves an IAM user's MFA and keys unknown, and judges a Lambda runtime at the import's clock", () => {
    const user = byType('iam.user');
    assert.equal(user.region, 'global');
    assert.equal(user.attributes['mfaEnabled'], undefined);
    assert.equal(user.attributes['consoleAccess'], undefined);
    const fn = byType('serverless.function');
    assert.equal(fn.attributes['runtimeDeprecated'], true);
    assert.equal(fn.state, 'available');
  });

  it('reads select-resource-config results: JSON strings with tags as [{key, value, tag}]', () => {
    const item = snapshot.configurationItems[0] as Record<string, unknown>;
    const { tags: _map, ...rest } = item;
    const result = JSON.stringify({
      ...rest,
      tags: [{ key: 'Name', value: 'checkout-web-1', tag: 'Name=checkout-web-1' }],
    });
    const {
      resources: [vm],
    } = importAll([result]);
    assert.equal(vm!.id, 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0a1b2c3d4e5f60718');
    assert.equal(vm!.name, 'checkout-web-1');
  });

  it('names the field of a record that cannot be imported', () => {
    const vm = snapshot.configurationItems[0] as Record<string, unknown>;
    const { resourceType: _t, ...noType } = vm;
    assert.equal(failure(noType), 'configurationItems[16].resourceType: missing');
    assert.match(
      failure({ ...vm, configuration: '{"instanceId": ' }),
      /^configurationItems\[16\]\.configuration: not valid JSON/,
    );
    const { accountId: _a, awsAccountId: _b, ARN: _c, ...noAccount } = vm;
    assert.equal(
      failure(noAccount),
      'configurationItems[16].accountId: missing (and no ARN to read it from)',
    );
    const { configuration: _c2, resourceId: _r, ...noConfig } = vm;
    assert.equal(failure(noConfig), 'configurationItems[16].configuration: missing');
    const volume = snapshot.configurationItems[1] as Record<string, unknown>;
    const config = { ...(volume['configuration'] as Record<string, unknown>) };
    delete config['volumeId'];
    const { resourceId: _id, ...noId } = volume;
    assert.equal(
      failure({ ...noId, configuration: config }),
      'configurationItems[16].resourceId: missing (and no configuration.volumeId)',
    );
    assert.equal(
      failure([1, 2]),
      'configurationItems[16]: not a configuration item (expected a JSON object)',
    );
  });
});
