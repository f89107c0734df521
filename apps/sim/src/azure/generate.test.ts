import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckId, ResourceType } from '@escher/protocol';
import { ManualClock } from '../core/clock.ts';
import { Rng } from '../core/rng.ts';
import { ManifestBuilder } from '../estate/manifest-builder.ts';
import { cpuSeries } from '../estate/metrics.ts';
import { serializeEstate } from '../estate/serialize.ts';
import { planEstate } from '../estate/size.ts';
import { isTagged } from '../estate/tags.ts';
import { allResources, findOfType, resourcesOfType, type AzureEstate } from './estate.ts';
import { generateAzure } from './generate.ts';
import { DEPRECATED_RUNTIMES } from './gen/platform.ts';
import { T, type AnyResource } from './records.ts';
import { renderDisk, renderSnapshot, renderVm } from './render/compute.ts';
import { renderFlexServer, renderBlobService, renderStorageAccount } from './render/data.ts';
import { renderNic, renderNsg, renderPip } from './render/network.ts';
import { renderCluster, renderSite } from './render/platform.ts';
import { renderKey } from './render/security.ts';

const EPOCH = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;

function generate(
  seed: number,
  size: string,
): { az: AzureEstate; manifest: ReturnType<ManifestBuilder['build']> } {
  const builder = new ManifestBuilder();
  const az = generateAzure({
    rng: new Rng(seed).fork('azure'),
    plan: planEstate(size),
    epoch: EPOCH,
    manifest: builder,
  });
  return {
    az,
    manifest: builder.build({ seed, size, epoch: new Date(EPOCH).toISOString(), generatedInMs: 0 }),
  };
}

const WORLD = new Set(['*', 'internet', '0.0.0.0/0', 'any']);

function opens(nsg: Record<string, unknown>, port: number | 'all'): boolean {
  const rules = (nsg['properties'] as { securityRules: { properties: Record<string, string | number> }[] })
    .securityRules;
  return rules.some(({ properties: p }) => {
    if (
      p['direction'] !== 'Inbound' ||
      p['access'] !== 'Allow' ||
      !WORLD.has(String(p['sourceAddressPrefix']).toLowerCase())
    )
      return false;
    const range = String(p['destinationPortRange']);
    if (port === 'all') return range === '*' && p['protocol'] === '*';
    if (p['protocol'] !== 'Tcp' && p['protocol'] !== '*') return false;
    if (range === '*') return true;
    const [lo, hi] = range.split('-').map(Number);
    return port >= lo! && port <= (hi ?? lo!);
  });
}

/** What a checker would conclude from the ARM JSON alone, per check id. */
function findings(az: AzureEstate): Map<CheckId, Set<string>> {
  const clock = new ManualClock(EPOCH);
  const out = new Map<CheckId, Set<string>>();
  const flag = (id: CheckId, resource: string): void => {
    if (!out.has(id)) out.set(id, new Set());
    out.get(id)!.add(resource);
  };
  for (const nsg of resourcesOfType(az, T.nsg)) {
    const json = renderNsg(nsg);
    if (opens(json, 22)) flag('network.firewall.open-ssh', nsg.id);
    if (opens(json, 3389)) flag('network.firewall.open-rdp', nsg.id);
    if (opens(json, 'all')) flag('network.firewall.open-all', nsg.id);
  }
  for (const disk of resourcesOfType(az, T.disk)) {
    const p = renderDisk(disk)['properties'] as {
      encryption: { type: string };
      encryptionSettingsCollection?: { enabled: boolean };
      diskState: string;
    };
    if (p.encryption.type === 'EncryptionAtRestWithPlatformKey' && !p.encryptionSettingsCollection?.enabled)
      flag('compute.volume.unencrypted', disk.id);
    if (p.diskState === 'Unattached') flag('compute.volume.unattached', disk.id);
  }
  for (const vm of resourcesOfType(az, T.vm)) {
    const json = renderVm(az, vm, clock, { instanceView: true }) as {
      properties: {
        networkProfile: { networkInterfaces: { id: string }[] };
        instanceView: { statuses: { code: string }[] };
      };
    };
    const nics = json.properties.networkProfile.networkInterfaces.map((n) =>
      renderNic(findOfType(az, n.id, T.nic)!),
    );
    if (nics.some((n) => JSON.stringify(n).includes('"publicIPAddress"')))
      flag('compute.instance.public-ip', vm.id);
    const running = json.properties.instanceView.statuses.some((s) => s.code === 'PowerState/running');
    const week = cpuSeries(vm.cpu, EPOCH - 7 * DAY, EPOCH, 3600, 'Average');
    if (running && week.reduce((s, p) => s + p.value, 0) / week.length < 5)
      flag('compute.instance.idle', vm.id);
  }
  for (const snap of resourcesOfType(az, T.snapshot)) {
    const p = renderSnapshot(snap)['properties'] as {
      timeCreated: string;
      publicNetworkAccess: string;
      networkAccessPolicy: string;
    };
    if (Date.parse(p.timeCreated) < EPOCH - 90 * DAY) flag('compute.snapshot.old', snap.id);
    if (p.publicNetworkAccess === 'Enabled' && p.networkAccessPolicy === 'AllowAll')
      flag('compute.snapshot.public', snap.id);
  }
  for (const pip of resourcesOfType(az, T.pip))
    if (!(renderPip(pip)['properties'] as { ipConfiguration?: unknown }).ipConfiguration)
      flag('network.ip.unassociated', pip.id);
  for (const s of resourcesOfType(az, T.storage)) {
    const p = renderStorageAccount(s)['properties'] as {
      allowBlobPublicAccess: boolean;
      encryption: { services: { blob: { enabled: boolean } } };
    };
    if (p.allowBlobPublicAccess) flag('storage.bucket.public', s.id);
    if (!p.encryption.services.blob.enabled) flag('storage.bucket.unencrypted', s.id);
    if (!(renderBlobService(s)['properties'] as { isVersioningEnabled: boolean }).isVersioningEnabled)
      flag('storage.bucket.no-versioning', s.id);
  }
  for (const f of [...resourcesOfType(az, T.postgres), ...resourcesOfType(az, T.mysql)]) {
    const p = renderFlexServer(f, clock)['properties'] as {
      network: { publicNetworkAccess: string };
      backup: { backupRetentionDays: number; geoRedundantBackup: string };
    };
    if (p.network.publicNetworkAccess === 'Enabled') flag('database.instance.public', f.id);
    if (p.backup.geoRedundantBackup === 'Disabled' && p.backup.backupRetentionDays <= 7)
      flag('database.instance.no-backup', f.id);
  }
  for (const site of resourcesOfType(az, T.site)) {
    const json = renderSite(site) as { kind: string; properties: { siteConfig: { linuxFxVersion: string } } };
    if (
      json.kind.includes('functionapp') &&
      (DEPRECATED_RUNTIMES as readonly string[]).includes(json.properties.siteConfig.linuxFxVersion)
    ) {
      flag('serverless.function.deprecated-runtime', site.id);
    }
  }
  for (const c of resourcesOfType(az, T.aks)) {
    const p = renderCluster(c, clock)['properties'] as {
      apiServerAccessProfile: { enablePrivateCluster: boolean; authorizedIPRanges?: string[] };
    };
    if (
      !p.apiServerAccessProfile.enablePrivateCluster &&
      !p.apiServerAccessProfile.authorizedIPRanges?.length
    )
      flag('container.cluster.public-endpoint', c.id);
  }
  for (const v of resourcesOfType(az, T.vault)) {
    if (v.keys.some((k) => !(renderKey(v, k)['properties'] as { rotationPolicy?: unknown }).rotationPolicy))
      flag('security.key.no-rotation', v.id);
  }
  return out;
}

const COUNTED: Partial<Record<string, ResourceType>> = {
  [T.vm]: 'compute.instance',
  [T.disk]: 'compute.volume',
  [T.snapshot]: 'compute.snapshot',
  [T.nsg]: 'network.firewall',
  [T.pip]: 'network.ip',
  [T.vnet]: 'network.vpc',
  [T.lb]: 'network.loadbalancer',
  [T.storage]: 'storage.bucket',
  [T.postgres]: 'database.instance',
  [T.mysql]: 'database.instance',
  [T.aks]: 'container.cluster',
  [T.vault]: 'security.key',
  [T.identity]: 'iam.role',
};

function typeOf(r: AnyResource): ResourceType | undefined {
  if (r.type === T.site) return r.kind.includes('functionapp') ? 'serverless.function' : undefined;
  return COUNTED[r.type];
}

describe('azure estate generation', () => {
  it('is deterministic: same seed, same bytes; another seed, another estate', () => {
    const a = serializeEstate(generate(3, 'small').az);
    const b = serializeEstate(generate(3, 'small').az);
    const c = serializeEstate(generate(4, 'small').az);
    assert.equal(a, b);
    assert.notEqual(a, c);
  });

  it('counts in the manifest exactly what it generated, per subscription and type', () => {
    const { az, manifest } = generate(1, 'medium');
    const counted: Record<string, Record<string, number>> = {};
    for (const r of allResources(az)) {
      const type = typeOf(r);
      if (!type) continue;
      counted[r.subscriptionId] ??= {};
      counted[r.subscriptionId]![type] = (counted[r.subscriptionId]![type] ?? 0) + 1;
    }
    for (const vnet of resourcesOfType(az, T.vnet))
      counted[vnet.subscriptionId]!['network.subnet'] =
        (counted[vnet.subscriptionId]!['network.subnet'] ?? 0) + vnet.subnets.length;
    assert.deepEqual(manifest.counts.azure, counted);
    assert.equal(manifest.accounts.azure!.length, planEstate('medium').accounts.azure);
    const total = Object.values(counted).reduce(
      (n, byType) => n + Object.values(byType).reduce((a, b) => a + b, 0),
      0,
    );
    assert.ok(
      Math.abs(total - planEstate('medium').resources.azure) / planEstate('medium').resources.azure < 0.15,
      `total ${total}`,
    );
  });

  it('records exactly the misconfigurations a checker reading the ARM JSON would find', () => {
    const { az, manifest } = generate(1, 'medium');
    const found = findings(az);
    const checked = new Set<CheckId>([
      ...found.keys(),
      ...(Object.keys(manifest.misconfigurations) as CheckId[]),
    ]);
    checked.delete('resource.untagged');
    checked.delete('cost.anomaly');
    for (const checkId of checked) {
      const ids = found.get(checkId) ?? new Set<string>();
      const recorded = new Set(
        (manifest.misconfigurations[checkId]?.resources ?? []).filter((id) =>
          id.startsWith('/subscriptions/'),
        ),
      );
      assert.deepEqual([...ids].sort(), [...recorded].sort(), checkId);
    }
    const untagged = new Set(manifest.misconfigurations['resource.untagged']?.resources ?? []);
    for (const r of allResources(az))
      if (typeOf(r)) assert.equal(!isTagged(r.tags), untagged.has(r.id), r.id);
    const applicable: CheckId[] = [
      'storage.bucket.public',
      'storage.bucket.unencrypted',
      'storage.bucket.no-versioning',
      'network.firewall.open-ssh',
      'network.firewall.open-rdp',
      'network.firewall.open-all',
      'compute.volume.unencrypted',
      'compute.volume.unattached',
      'compute.instance.public-ip',
      'compute.instance.idle',
      'compute.snapshot.old',
      'database.instance.public',
      'database.instance.no-backup',
      'network.ip.unassociated',
      'resource.untagged',
      'container.cluster.public-endpoint',
      'security.key.no-rotation',
      'serverless.function.deprecated-runtime',
      'cost.anomaly',
    ];
    for (const id of applicable) assert.ok((manifest.misconfigurations[id]?.count ?? 0) > 0, `${id} present`);
    assert.ok(manifest.costAnomalies.some((a) => a.cloud === 'azure'));
  });

  it('keeps relationships whole: VM disks and NICs exist, LB backends are NIC ipconfigs, snapshots have a source', () => {
    const { az } = generate(2, 'medium');
    for (const vm of resourcesOfType(az, T.vm)) {
      for (const id of [vm.osDiskId, ...vm.dataDiskIds])
        assert.equal(findOfType(az, id, T.disk)?.managedBy, vm.id);
      for (const id of vm.nicIds) assert.equal(findOfType(az, id, T.nic)?.vmId, vm.id);
    }
    for (const lb of resourcesOfType(az, T.lb))
      for (const nic of lb.backendNicIds) assert.ok(findOfType(az, nic, T.nic));
    for (const s of resourcesOfType(az, T.snapshot)) assert.ok(findOfType(az, s.sourceDiskId, T.disk));
    const names = new Set<string>();
    for (const r of allResources(az)) {
      assert.ok(!names.has(r.id.toLowerCase()), `unique ${r.id}`);
      names.add(r.id.toLowerCase());
    }
  });
});
