import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ResourceSchema, type Resource } from '@escher/protocol';
import type { GraphRow } from '../resource-graph/graph-row.ts';
import { regionCode } from './common.ts';
import { siteAcceptsInternet } from './function-app.ts';
import { normaliseKeyVault } from './key-vault.ts';
import { NetworkIndex } from './network-index.ts';
import { normaliseRow } from './normalise-row.ts';
import { normaliseStorageAccount } from './storage-account.ts';

/** Resource Graph rows exactly as the simulator served them (see the fixture's `source`). */
const fixture = JSON.parse(readFileSync(new URL('./fixtures/graph-rows.json', import.meta.url), 'utf8')) as {
  rows: GraphRow[];
};
const network = new NetworkIndex();
for (const row of fixture.rows) {
  if (row.type === 'microsoft.network/networkinterfaces') network.addNic(row);
  if (row.type === 'microsoft.network/publicipaddresses') network.addPip(row);
}

function row(name: string): GraphRow {
  const found = fixture.rows.find((r) => r.name === name);
  assert.ok(found, `fixture has no ${name}`);
  return structuredClone(found);
}

function one(name: string): Resource {
  const [resource, ...rest] = normaliseRow(row(name), network);
  assert.ok(resource, `${name} normalised to nothing`);
  assert.equal(rest.length, 0);
  assert.ok(ResourceSchema.safeParse(resource).success);
  return resource;
}

const targets = (r: Resource, kind: string): string[] =>
  r.relationships.filter((rel) => rel.kind === kind).map((rel) => rel.targetId);

describe('azure normalisers (on Resource Graph rows from the simulator)', () => {
  it('maps a running VM with a public IP: canonical type, state, environment, IP through its NIC', () => {
    const vm = one('gateway-worker-4');
    assert.equal(vm.type, 'compute.instance');
    assert.equal(vm.nativeType, 'Microsoft.Compute/virtualMachines');
    assert.equal(vm.id, row('gateway-worker-4').id);
    assert.equal(vm.state, 'running');
    assert.equal(vm.region, 'eastus');
    assert.equal(vm.zone, '3');
    assert.equal(vm.environment, 'prod'); // Environment: live
    assert.equal(vm.attributes['public'], true);
    assert.equal(vm.attributes['publicIp'], '52.231.222.181');
    assert.match(String(vm.attributes['size']), /^Standard_/);
    assert.equal(vm.attributes['resourceGroup'], vm.id.split('/')[4]);
    assert.equal(targets(vm, 'attached-volume').length, 1 + Number(vm.attributes['dataDiskCount']));
    const [subnet] = targets(vm, 'in-subnet');
    assert.match(subnet!, /\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/);
    assert.deepEqual(targets(vm, 'in-vpc'), [subnet!.replace(/\/subnets\/[^/]+$/, '')]);
  });

  it('reads a deallocated VM as stopped, keeping the native power state', () => {
    const vm = one('gateway-svc-live-42');
    assert.equal(vm.state, 'stopped');
    assert.equal(vm.attributes['powerState'], 'deallocated');
    assert.equal(vm.attributes['public'], false);
  });

  it('treats platform-key-only disks as unencrypted and customer-key or ADE disks as encrypted', () => {
    const ade = one('gateway-worker-4_OsDisk_1_a3aa0fe940a8e649a7d71899f26695d2');
    assert.equal(ade.attributes['encrypted'], true);
    assert.equal(ade.state, 'in-use');
    assert.deepEqual(targets(ade, 'attached-to'), [row('gateway-worker-4').id]);
    const cmk = one('fraud-app-prod-03_DataDisk_0');
    assert.equal(cmk.attributes['encrypted'], true);
    const orphan = one('disk-reporting-2');
    assert.equal(orphan.attributes['encrypted'], false);
    assert.equal(orphan.attributes['attached'], false);
    assert.equal(orphan.state, 'available');
    assert.equal(orphan.environment, 'prod'); // Environment: PRODUCTION
    assert.equal(typeof orphan.attributes['size'], 'number');
  });

  it('flags snapshots exportable from anywhere as public, and relates them to their disk', () => {
    const open = one('snapshot-gateway-svc-live-42-1');
    assert.equal(open.attributes['public'], true);
    assert.equal(targets(open, 'snapshot-of').length, 1);
    assert.ok(open.createdAt);
    assert.equal(one('snapshot-gateway-app-prod-27-3').attributes['public'], false);
  });

  it('evaluates NSG rules by precedence into openSsh / openRdp / openAll', () => {
    const all = one('gateway-nsg-prd-7');
    assert.deepEqual(
      [all.attributes['openAll'], all.attributes['openSsh'], all.attributes['openRdp']],
      [true, true, true],
    );
    const ssh = one('cms-nsg-preprod-27');
    assert.equal(ssh.attributes['openSsh'], true);
    assert.equal(ssh.attributes['openAll'], false);
    const closed = one('crm-nsg-08');
    assert.deepEqual(
      [closed.attributes['openAll'], closed.attributes['openSsh'], closed.attributes['openRdp']],
      [false, false, false],
    );
    assert.ok((closed.attributes['ingressRules'] as unknown[]).length > 0);
  });

  it('reads public IPs: associated to a VM through its NIC, or unassociated', () => {
    const used = one('gateway-worker-4-ip');
    assert.equal(used.state, 'in-use');
    assert.equal(used.attributes['attachedTo'], row('gateway-worker-4').id);
    const free = one('pip-fraud-2');
    assert.equal(free.state, 'available');
    assert.equal(free.attributes['associated'], false);
    assert.deepEqual(free.relationships, []);
  });

  it("points a load balancer's lb-target relationships at the VMs behind its pool", () => {
    const lb = one('lb-ledger-2');
    const vms = fixture.rows
      .filter(
        (r) => r.type === 'microsoft.network/networkinterfaces' && /ledger-jump|catalog-web-dev/.test(r.name),
      )
      .map((r) => (r.properties as { virtualMachine: { id: string } }).virtualMachine.id);
    for (const vm of vms) assert.ok(targets(lb, 'lb-target').includes(vm), vm);
  });

  it('emits a virtual network and each of its subnets, subnets untaggable and tied to vnet and NSG', () => {
    const [vnet, ...subnets] = normaliseRow(row('vnet-crm-westus2-1'), network);
    assert.equal(vnet!.type, 'network.vpc');
    assert.ok(subnets.length >= 1);
    for (const subnet of subnets) {
      assert.equal(subnet.type, 'network.subnet');
      assert.equal(subnet.nativeType, 'Microsoft.Network/virtualNetworks/subnets');
      assert.equal(subnet.id, `${vnet!.id}/subnets/${subnet.name}`);
      assert.deepEqual(targets(subnet, 'in-vpc'), [vnet!.id]);
      assert.deepEqual(subnet.tags, {});
      assert.equal(subnet.attributes['taggable'], false);
    }
    assert.ok(subnets.some((s) => targets(s, 'security-group').length === 1));
  });

  it('reads storage accounts: public blob access, encryption, versioning from the blob service', () => {
    const open = normaliseStorageAccount(row('reportingdata389b27'), { versioning: false })[0]!;
    assert.equal(open.type, 'storage.bucket');
    assert.equal(open.attributes['public'], true);
    assert.equal(open.attributes['encrypted'], true);
    assert.equal(open.attributes['versioning'], false);
    const closed = normaliseStorageAccount(row('stcatalogprod006'))[0]!;
    assert.equal(closed.attributes['public'], false);
    assert.equal(closed.attributes['versioning'], undefined);
    const unencrypted = row('stcatalogprod006');
    (
      unencrypted.properties as { encryption: { services: { blob: { enabled: boolean } } } }
    ).encryption.services.blob.enabled = false;
    assert.equal(normaliseStorageAccount(unencrypted)[0]!.attributes['encrypted'], false);
  });

  it('reads flexible servers: engine, minimal backups as backupEnabled false, always encrypted', () => {
    const pg = one('psql-payments-development-10');
    assert.equal(pg.type, 'database.instance');
    assert.equal(pg.nativeType, 'Microsoft.DBforPostgreSQL/flexibleServers');
    assert.equal(pg.state, 'running');
    assert.equal(pg.attributes['engine'], 'postgres');
    assert.equal(pg.attributes['backupEnabled'], false);
    assert.equal(pg.attributes['encrypted'], true);
    assert.equal(pg.attributes['public'], false);
    const mysql = one('mysql-etl-prod-1');
    assert.equal(mysql.attributes['engine'], 'mysql');
    assert.equal(mysql.attributes['backupEnabled'], true);
    // ARM itself returns display names for these types; Graph returns codes. Both land as codes.
    assert.equal(regionCode('East US 2'), 'eastus2');
  });

  it('keeps function apps only, with a normalised runtime and its support status', () => {
    const fn = one('func-ledger-development-8');
    assert.equal(fn.type, 'serverless.function');
    assert.equal(fn.attributes['runtime'], 'dotnet6.0');
    assert.equal(fn.attributes['runtimeDeprecated'], true);
    assert.deepEqual(normaliseRow(row('app-catalog-prod-29'), network), []);
    assert.equal(fn.attributes['public'], true);
  });

  it('reads a function app as public unless access restrictions close it to the Internet', () => {
    const allowAll = [{ ipAddress: 'Any', action: 'Allow', priority: 2147483647 }];
    const office = [
      { ipAddress: '203.0.113.0/24', action: 'Allow', priority: 100 },
      { ipAddress: 'Any', action: 'Deny', priority: 2147483647 },
    ];
    assert.equal(siteAcceptsInternet(undefined), true);
    assert.equal(siteAcceptsInternet({ ipSecurityRestrictions: null }), true);
    assert.equal(siteAcceptsInternet({ ipSecurityRestrictions: allowAll }), true);
    assert.equal(siteAcceptsInternet({ ipSecurityRestrictions: office }), false);
    assert.equal(siteAcceptsInternet({ ipSecurityRestrictions: office.slice(0, 1) }), false);
    assert.equal(
      siteAcceptsInternet({ ipSecurityRestrictions: [], ipSecurityRestrictionsDefaultAction: 'Deny' }),
      false,
    );
  });

  it('reads AKS API server exposure and the canonical native type', () => {
    const open = one('aks-ledger-dev-6');
    assert.equal(open.nativeType, 'Microsoft.ContainerService/managedClusters');
    assert.equal(open.attributes['endpointPublic'], true);
    assert.equal(open.environment, 'dev'); // no env tag: from the name
    assert.equal(one('crm-k8s-2').attributes['endpointPublic'], false);
  });

  it('reads key vault rotation from its keys, and leaves it unknown when they were not read', () => {
    const vault = row('kv-catalog-prod-87f1');
    assert.equal(
      normaliseKeyVault(vault, { keyCount: 3, keysWithoutRotation: 1 })[0]!.attributes['rotationEnabled'],
      false,
    );
    assert.equal(
      normaliseKeyVault(vault, { keyCount: 0, keysWithoutRotation: 0 })[0]!.attributes['rotationEnabled'],
      true,
    );
    assert.equal(normaliseKeyVault(vault)[0]!.attributes['rotationEnabled'], undefined);
  });

  it('maps managed identities to iam.role', () => {
    const identity = one('id-etl-prod-1');
    assert.equal(identity.type, 'iam.role');
    assert.equal(identity.environment, 'prod');
  });

  it('ignores rows of types it does not model (NICs)', () => {
    assert.deepEqual(normaliseRow(row('gateway-worker-4-nic'), network), []);
  });
});
