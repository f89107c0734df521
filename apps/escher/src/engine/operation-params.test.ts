import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nativeSize, OPERATION_IDS, OPERATION_PARAMS } from '@escher/protocol';
import type { ProviderActions } from '@escher/provider-api';
import { createAwsActions, type AwsCredentials } from '@escher/provider-aws';
import { createAzureActions, type AzureCredentials } from '@escher/provider-azure';
import { createGcpActions, type GcpCredentials } from '@escher/provider-gcp';

// Building actions opens no connection; the endpoints are never called here.
const CLOUDS: Record<string, ProviderActions> = {
  aws: createAwsActions({ kind: 'keys', accessKeyId: 'x', secretAccessKey: 'y' } as AwsCredentials, {
    endpoint: 'http://127.0.0.1:9',
  }),
  azure: createAzureActions(
    { kind: 'service-principal', tenantId: 't', clientId: 'c', clientSecret: 's' } as AzureCredentials,
    { endpoint: 'https://127.0.0.1:9' },
  ),
  gcp: createGcpActions({ kind: 'access-token', token: 't' } as GcpCredentials, {
    endpoint: 'http://127.0.0.1:9',
  }),
};

describe('one params schema per catalogue operation', () => {
  it("every provider operation's params schema IS the catalogue's for its id", () => {
    let checked = 0;
    for (const [cloud, actions] of Object.entries(CLOUDS)) {
      for (const op of actions.operations) {
        assert.ok(OPERATION_IDS.includes(op.id), `${cloud} ${op.id} is in the catalogue`);
        assert.equal(op.params, OPERATION_PARAMS[op.id], `${cloud} ${op.id} exposes the catalogue's schema`);
        checked++;
      }
    }
    assert.ok(checked >= 75, `all three providers' operations checked (${checked})`);
  });

  it('untag takes keys, tag takes tags/remove, resize takes size, snapshot name/description/tags — nothing cloud-named', () => {
    const ok = (id: keyof typeof OPERATION_PARAMS, params: unknown): boolean =>
      OPERATION_PARAMS[id].safeParse(params).success;
    assert.ok(ok('resource.untag', { keys: ['owner'] }));
    assert.ok(!ok('resource.untag', { remove: ['owner'] }));
    assert.ok(ok('resource.tag', { tags: {}, remove: ['owner'] }));
    assert.ok(!ok('resource.tag', { tags: { a: 'b' }, removeKeys: ['owner'] }));
    assert.ok(!ok('resource.tag', { tags: {} }), 'a tag step that changes nothing is refused');
    assert.ok(ok('compute.instance.resize', { size: 'large' }));
    assert.ok(ok('compute.instance.resize', { size: 'e2-standard-4' }));
    assert.ok(!ok('compute.instance.resize', { machineType: 'e2-standard-4' }));
    assert.ok(!ok('database.instance.resize', { tier: 'GeneralPurpose' }), 'size is required');
    for (const id of [
      'compute.instance.snapshot',
      'compute.volume.snapshot',
      'database.instance.snapshot',
    ] as const) {
      assert.ok(ok(id, { name: 'before-upgrade', description: 'why', tags: { by: 'escher' } }), id);
      assert.ok(!ok(id, { labels: { by: 'escher' } }), `${id} refuses labels`);
    }
  });

  it('a portable size maps through the cloud table; a native one passes as given', () => {
    const table = { small: 'e2-small', medium: 'e2-medium', large: 'e2-standard-2', xlarge: 'e2-standard-4' };
    assert.equal(nativeSize('large', table), 'e2-standard-2');
    assert.equal(nativeSize('n2-standard-8', table), 'n2-standard-8');
  });

  it('a cloud-specific rule is still enforced by the provider (a reserved AWS tag key fails the dry run)', async () => {
    const tag = CLOUDS['aws']!.operations.find((o) => o.id === 'resource.tag')!;
    const target = {
      id: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc',
      nativeId: 'i-0abc',
      cloud: 'aws',
      account: '123456789012',
      region: 'us-east-1',
      type: 'compute.instance',
      name: 'web',
      tags: {},
      attributes: {},
    } as never;
    await assert.rejects(
      tag.run({ target, params: { tags: { 'aws:owner': 'x' } }, dryRun: true }),
      /reserved/,
    );
  });

  it('every catalogue id has a schema', () => {
    for (const id of OPERATION_IDS) assert.ok(OPERATION_PARAMS[id], id);
  });
});
