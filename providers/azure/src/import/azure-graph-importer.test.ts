import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EscherError, type Resource } from '@escher/protocol';
import { AzureGraphImporter } from './azure-graph-importer.ts';

const output = JSON.parse(readFileSync(new URL('fixtures/az-graph-query.json', import.meta.url), 'utf8')) as {
  data: Record<string, unknown>[];
};

function importAll(rows: unknown[]): { resources: Resource[]; ignored: string[] } {
  const importer = new AzureGraphImporter();
  for (const row of rows) importer.observe(row);
  const ignored: string[] = [];
  const resources = rows.flatMap((row, i) => {
    const outcome = importer.normalise(row, `data[${i}]`);
    return 'ignored' in outcome ? (ignored.push(outcome.ignored), []) : outcome.resources;
  });
  return { resources, ignored };
}

function failure(row: unknown): string {
  try {
    new AzureGraphImporter().normalise(row, 'data[16]');
  } catch (error) {
    assert.ok(error instanceof EscherError && error.code === 'import-record-invalid');
    return error.message;
  }
  assert.fail('expected import-record-invalid');
}

describe('Resource Graph import of `az graph query -q "Resources" -o json` output', () => {
  const { resources, ignored } = importAll(output.data);
  const find = (type: string) => resources.find((r) => r.type === type)!;

  it('imports the modelled types (a VNet brings its subnets), counting the rest as ignored', () => {
    assert.deepEqual(resources.map((r) => r.type).sort(), [
      'compute.instance',
      'compute.volume',
      'network.firewall',
      'network.ip',
      'network.subnet',
      'network.vpc',
      'storage.bucket',
    ]);
    assert.deepEqual(ignored.map((i) => i.split(' ')[0]).sort(), [
      'microsoft.insights/components',
      'microsoft.network/networkinterfaces',
    ]);
  });

  it('joins the VM to its public IP, subnet and NSG through the network interface row', () => {
    const vm = find('compute.instance');
    assert.equal(vm.state, 'stopped');
    assert.equal(vm.attributes['powerState'], 'deallocated');
    assert.equal(vm.attributes['publicIp'], '20.73.118.42');
    assert.equal(vm.environment, 'prod');
    assert.equal(vm.zone, '2');
    assert.deepEqual([...new Set(vm.relationships.map((r) => r.kind))].sort(), [
      'attached-volume',
      'in-subnet',
      'in-vpc',
      'security-group',
    ]);
    assert.equal(find('network.ip').state, 'in-use');
    assert.equal(find('network.firewall').attributes['openSsh'], true);
  });

  it('leaves blob versioning of a storage account unknown: Graph does not carry it', () => {
    const account = find('storage.bucket');
    assert.equal(account.attributes['public'], true);
    assert.equal(account.attributes['versioning'], undefined);
    assert.equal(account.environment, 'dev');
  });

  it('reads rows whose query projected fewer or renamed-case columns', () => {
    const { id, type, properties, tags } = output.data[3]!;
    const {
      resources: [disk],
    } = importAll([{ ID: id, Type: type, properties: JSON.stringify(properties), tags }]);
    assert.equal(disk!.account, '6f1d2c3b-4a59-4e8d-9c7b-0a1b2c3d4e5f');
    assert.equal(disk!.name, 'checkout-vm-1_OsDisk_1_8f3e');
    assert.equal(disk!.attributes['size'], 64);
  });

  it('names the field of a row that cannot be imported', () => {
    const { id: _id, ...noId } = output.data[0]!;
    assert.equal(failure(noId), 'data[16].id: missing');
    assert.match(
      failure({ ...output.data[0], id: 'checkout-vm-1' }),
      /^data\[16\]\.id: 'checkout-vm-1' is not an Azure resource id/,
    );
    assert.equal(failure({ ...output.data[0], type: 7 }), 'data[16].type: not a string');
    assert.equal(failure({ ...output.data[0], tags: 'env=prod' }), 'data[16].tags: not a JSON object');
  });
});
