import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckId, Resource } from '@escher/protocol';
import { discoverAll, startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import type { Provider } from '@escher/provider-api';
import { ClientSecretCredential } from '@azure/identity';
import { AzureClients } from './clients.ts';
import { fillGaps } from './discovery/fill-gaps.ts';
import { normaliseRow } from './normalise/normalise-row.ts';
import { NetworkIndex } from './normalise/network-index.ts';
import type { GraphRow } from './resource-graph/graph-row.ts';
import { resourcesQuery } from './resource-graph/graph-row.ts';
import { queryResources } from './resource-graph/query-resources.ts';
import { azureProvider } from './index.ts';

const DAY = 86_400_000;
const ENV_KEYS = ['env', 'environment', 'stage'];

/**
 * Each SPEC section 6 check, decided from the normalised attributes alone — what the policy
 * engine will do. The simulator's manifest is the ground truth.
 */
const CHECKS: Partial<Record<CheckId, (r: Resource, epoch: number) => boolean>> = {
  'storage.bucket.public': (r) => r.type === 'storage.bucket' && r.attributes['public'] === true,
  'storage.bucket.unencrypted': (r) => r.type === 'storage.bucket' && r.attributes['encrypted'] === false,
  'storage.bucket.no-versioning': (r) => r.type === 'storage.bucket' && r.attributes['versioning'] === false,
  'network.firewall.open-ssh': (r) => r.type === 'network.firewall' && r.attributes['openSsh'] === true,
  'network.firewall.open-rdp': (r) => r.type === 'network.firewall' && r.attributes['openRdp'] === true,
  'network.firewall.open-all': (r) => r.type === 'network.firewall' && r.attributes['openAll'] === true,
  'compute.volume.unencrypted': (r) => r.type === 'compute.volume' && r.attributes['encrypted'] === false,
  'compute.volume.unattached': (r) => r.type === 'compute.volume' && r.attributes['attached'] === false,
  'compute.instance.public-ip': (r) => r.type === 'compute.instance' && r.attributes['public'] === true,
  'compute.snapshot.old': (r, epoch) =>
    r.type === 'compute.snapshot' && Date.parse(r.createdAt!) < epoch - 90 * DAY,
  'compute.snapshot.public': (r) => r.type === 'compute.snapshot' && r.attributes['public'] === true,
  'database.instance.public': (r) => r.type === 'database.instance' && r.attributes['public'] === true,
  'database.instance.unencrypted': (r) =>
    r.type === 'database.instance' && r.attributes['encrypted'] === false,
  'database.instance.no-backup': (r) =>
    r.type === 'database.instance' && r.attributes['backupEnabled'] === false,
  'network.ip.unassociated': (r) => r.type === 'network.ip' && r.attributes['associated'] === false,
  'container.cluster.public-endpoint': (r) =>
    r.type === 'container.cluster' && r.attributes['endpointPublic'] === true,
  'security.key.no-rotation': (r) => r.type === 'security.key' && r.attributes['rotationEnabled'] === false,
  'serverless.function.deprecated-runtime': (r) =>
    r.type === 'serverless.function' && r.attributes['runtimeDeprecated'] === true,
  'resource.untagged': (r) => {
    if (r.attributes['taggable'] === false) return false;
    const keys = Object.keys(r.tags).map((k) => k.toLowerCase());
    return !keys.some((k) => ENV_KEYS.includes(k)) || !keys.includes('owner');
  },
};

describe('azure provider against the simulator', () => {
  let sim: SimTarget;
  let provider: Provider;
  let resources: Resource[];
  let epoch: number;
  before(async () => {
    sim = await startSimProcess(['--seed', '5', '--size', '1500']);
    provider = azureProvider.create(
      {
        kind: 'service-principal',
        tenantId: sim.azureTenantId,
        clientId: 'escher-checks',
        clientSecret: 'sim',
      },
      { endpoint: sim.azure, caCert: sim.caCert },
    );
    resources = await discoverAll(provider);
    epoch = Date.parse(sim.manifest.epoch);
  });
  after(() => sim?.stop());

  describe('attributes decide every SPEC check the way the simulator planted them', () => {
    const expected = (checkId: CheckId): string[] =>
      (sim.manifest.misconfigurations[checkId]?.resources ?? [])
        .filter((id) => id.startsWith('/subscriptions/'))
        .sort();

    for (const [checkId, check] of Object.entries(CHECKS) as [
      CheckId,
      (r: Resource, epoch: number) => boolean,
    ][]) {
      it(checkId, () => {
        const found = resources
          .filter((r) => check(r, epoch))
          .map((r) => r.id)
          .sort();
        assert.deepEqual(found, expected(checkId));
      });
    }

    it('compute.instance.idle (7-day average Percentage CPU under 5 % on running VMs)', async () => {
      const running = resources.filter((r) => r.type === 'compute.instance' && r.state === 'running');
      const idle: string[] = [];
      for (const vm of running) {
        const points = await provider.metrics(vm, {
          metric: 'cpu',
          start: epoch - 7 * DAY,
          end: epoch,
          periodSeconds: 3600,
        });
        const mean = points.reduce((s, p) => s + p.value, 0) / points.length;
        if (mean < 5) idle.push(vm.id);
      }
      assert.deepEqual(idle.sort(), expected('compute.instance.idle'));
    });
  });

  it('fills what a Graph row lacks (VM power state, function runtime) from ARM', async () => {
    const credential = new ClientSecretCredential(sim.azureTenantId, 'escher-gaps', 'sim', {
      authorityHost: sim.azure,
      disableInstanceDiscovery: true,
      tlsOptions: { ca: sim.caCert },
    });
    const clients = new AzureClients(credential, { endpoint: sim.azure, caCert: sim.caCert });
    const subscriptionId = sim.manifest.accounts.azure![0]!.id;
    const query = resourcesQuery(['Microsoft.Compute/virtualMachines', 'Microsoft.Web/sites']);
    const rows: GraphRow[] = [];
    for await (const page of queryResources(clients, subscriptionId, query, {})) rows.push(...page);
    const vm = rows.find((r) => r.type === 'microsoft.compute/virtualmachines')!;
    const site = rows.find((r) => (r.kind ?? '').includes('functionapp'))!;
    const before = [vm, site].map((r) => normaliseRow(structuredClone(r), new NetworkIndex())[0]!);
    delete (vm.properties as Record<string, unknown>)['extended'];
    delete (site.properties as Record<string, unknown>)['siteConfig'];
    delete (site.properties as Record<string, unknown>)['siteProperties'];
    assert.equal(normaliseRow(structuredClone(vm), new NetworkIndex())[0]!.state, 'unknown');
    await fillGaps({ clients, subscriptionId, options: {} }, [vm, site]);
    const after = [vm, site].map((r) => normaliseRow(r, new NetworkIndex())[0]!);
    assert.equal(after[0]!.state, before[0]!.state);
    assert.equal(after[0]!.attributes['powerState'], before[0]!.attributes['powerState']);
    assert.equal(after[1]!.attributes['runtime'], before[1]!.attributes['runtime']);
  });
});
