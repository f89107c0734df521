import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EscherError, type Resource } from '@escher/protocol';
import { GcpAssetImporter } from './gcp-asset-importer.ts';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const exportLines = fixture('asset-export.ndjson')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Record<string, unknown>);
const searchResults = JSON.parse(fixture('search-all-resources.json')) as Record<string, unknown>[];

function importAll(records: unknown[]): { resources: Resource[]; ignored: string[]; notes: string[] } {
  const importer = new GcpAssetImporter();
  for (const r of records) importer.observe(r);
  const ignored: string[] = [];
  const resources = records.flatMap((r, i) => {
    const outcome = importer.normalise(r, `line ${i + 1}`);
    return 'ignored' in outcome ? (ignored.push(outcome.ignored), []) : outcome.resources;
  });
  return { resources, ignored, notes: importer.notes() };
}

function failure(record: unknown): string {
  try {
    new GcpAssetImporter().normalise(record, 'line 17');
  } catch (error) {
    assert.ok(error instanceof EscherError && error.code === 'import-record-invalid');
    return error.message;
  }
  assert.fail('expected import-record-invalid');
}

describe('Cloud Asset Inventory import (record shapes from the Cloud Asset docs)', () => {
  describe('gcloud asset export NDJSON with resource and iam-policy lines', () => {
    const { resources, ignored, notes } = importAll(exportLines);
    const find = (type: string) => resources.find((r) => r.type === type)!;

    it('imports the modelled assets; the project and the IAM policies are ignored, merged or not', () => {
      assert.deepEqual(resources.map((r) => r.type).sort(), [
        'compute.instance',
        'database.instance',
        'iam.role',
        'network.firewall',
        'security.key',
        'storage.bucket',
      ]);
      assert.deepEqual(ignored.sort(), [
        'IAM policy (merged into cloudresourcemanager.googleapis.com/Project assets)',
        'IAM policy (merged into storage.googleapis.com/Bucket assets)',
        'cloudresourcemanager.googleapis.com/Project',
      ]);
      assert.deepEqual(notes, []);
    });

    it('makes the bucket public from its iam-policy line, in the project its number maps to', () => {
      const bucket = find('storage.bucket');
      assert.equal(bucket.id, '//storage.googleapis.com/projects/_/buckets/shop-prod-media');
      assert.equal(bucket.account, 'shop-prod-4711');
      assert.equal(bucket.region, 'eu');
      assert.deepEqual(
        [bucket.attributes['public'], bucket.attributes['publicMembers']],
        [true, ['allUsers']],
      );
    });

    it('reads REST data: int64 strings, offsets in timestamps, Cloud SQL named by sqladmin', () => {
      const vm = find('compute.instance');
      assert.deepEqual(
        [vm.state, vm.environment, vm.attributes['size'], vm.attributes['publicIp']],
        ['running', 'prod', 'e2-standard-4', '34.76.201.19'],
      );
      assert.equal(vm.createdAt, '2025-03-18T11:12:55.123Z');
      const db = find('database.instance');
      assert.equal(db.id, '//sqladmin.googleapis.com/projects/shop-prod-4711/instances/orders-pg');
      assert.deepEqual(
        [db.attributes['engine'], db.attributes['engineVersion'], db.attributes['backupRetentionDays']],
        ['postgres', '15', 14],
      );
      assert.equal(find('network.firewall').attributes['enabled'], true);
      assert.equal(find('security.key').attributes['rotationEnabled'], false);
      assert.equal(
        find('iam.role').id,
        '//iam.googleapis.com/projects/shop-prod-4711/serviceAccounts/web-runtime@shop-prod-4711.iam.gserviceaccount.com',
      );
    });
  });

  it('without iam-policy lines, leaves public unknown and says so', () => {
    const { resources, notes } = importAll(exportLines.filter((l) => !('iam_policy' in l)));
    const bucket = resources.find((r) => r.type === 'storage.bucket')!;
    assert.equal(bucket.attributes['public'], undefined);
    assert.match(notes.join(), /no iam-policy records/);
  });

  it('summarises search-all-resources results by what they carry', () => {
    const { resources, ignored, notes } = importAll(searchResults);
    assert.deepEqual(ignored, ['pubsub.googleapis.com/Topic']);
    const vm = resources.find((r) => r.type === 'compute.instance')!;
    assert.deepEqual(
      [vm.id, vm.account, vm.region, vm.zone, vm.state, vm.environment],
      [
        '//compute.googleapis.com/projects/shop-prod-4711/zones/europe-west1-b/instances/web-1',
        'shop-prod-4711',
        'europe-west1',
        'europe-west1-b',
        'running',
        'prod',
      ],
    );
    assert.equal(vm.attributes['size'], undefined);
    const bucket = resources.find((r) => r.type === 'storage.bucket')!;
    assert.equal(bucket.id, '//storage.googleapis.com/projects/_/buckets/shop-prod-media');
    assert.equal(bucket.account, 'shop-prod-4711');
    assert.equal(
      resources.find((r) => r.type === 'iam.role')!.name,
      'web-runtime@shop-prod-4711.iam.gserviceaccount.com',
    );
    assert.match(notes.join(), /search-all-resources results carry/);
  });

  it('names the field of a record that cannot be imported', () => {
    const line = exportLines[1]!;
    const { asset_type: _t, ...noType } = line;
    assert.equal(failure(noType), 'line 17.assetType: missing');
    assert.equal(
      failure({ ...line, name: 'web-1' }),
      'line 17.name: not a full resource name (//service.googleapis.com/…)',
    );
    assert.equal(failure({ ...line, resource: { version: 'v1' } }), 'line 17.resource.data: missing');
    const bucket = exportLines[3]!;
    const data = { ...((bucket['resource'] as Record<string, unknown>)['data'] as Record<string, unknown>) };
    delete data['projectNumber'];
    assert.equal(
      failure({ ...bucket, ancestors: [], resource: { ...(bucket['resource'] as object), data } }),
      'line 17.ancestors: no project in the name, the data or the ancestors',
    );
  });
});
