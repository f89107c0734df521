import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ComputeManagementClient, type Disk } from '@azure/arm-compute';
import { ContainerServiceClient, type ManagedCluster } from '@azure/arm-containerservice';
import { MySQLManagementFlexibleServerClient } from '@azure/arm-mysql-flexible';
import { PostgreSQLManagementFlexibleServerClient } from '@azure/arm-postgresql-flexible';
import { ResourceManagementClient } from '@azure/arm-resources';
import { startTestSimulator } from '../testing/sim-fixture.ts';
import type { RunningSimulator } from '../server.ts';
import { azureSdk, groupOf } from '../testing/azure-sdk.ts';

const TRANSITION_MS = 3_000;

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const hasCode =
  (code: string) =>
  (e: { code?: string }): boolean =>
    e.code === code;

describe('azure updates: snapshots, flexible server network and size, AKS authorized ranges', () => {
  let sim: RunningSimulator;
  let sdk: ReturnType<typeof azureSdk>;

  before(async () => {
    sim = await startTestSimulator({ transitionMs: TRANSITION_MS, size: '1000' });
    sdk = azureSdk(sim);
  });
  after(() => sim.close());

  it('snapshots a managed disk through the LRO, then locks the snapshot down with PATCH', async () => {
    const sub = sdk.subscriptions[0]!;
    const compute = new ComputeManagementClient(sdk.credential, sub, sdk.options);
    const disk: Disk = (await collect(compute.disks.list()))[0]!;
    const rg = groupOf(disk.id!);
    const poller = await compute.snapshots.beginCreateOrUpdate(rg, 'snap-test-1', {
      location: disk.location,
      creationData: { createOption: 'Copy', sourceResourceId: disk.id! },
      networkAccessPolicy: 'AllowAll',
      publicNetworkAccess: 'Enabled',
      tags: { purpose: 'test' },
    });
    sim.clock.advance(TRANSITION_MS);
    const snap = await poller.pollUntilDone();
    assert.equal(snap.creationData?.sourceResourceId, disk.id);
    assert.equal(snap.diskSizeGB, disk.diskSizeGB);
    assert.equal(snap.networkAccessPolicy, 'AllowAll');
    assert.deepEqual(snap.tags, { purpose: 'test' });
    const locked = await compute.snapshots.beginUpdateAndWait(rg, 'snap-test-1', {
      networkAccessPolicy: 'DenyAll',
      publicNetworkAccess: 'Disabled',
    });
    assert.equal(locked.networkAccessPolicy, 'DenyAll');
    assert.equal(locked.publicNetworkAccess, 'Disabled');
    assert.equal((await compute.snapshots.get(rg, 'snap-test-1')).publicNetworkAccess, 'Disabled');
    await assert.rejects(
      compute.snapshots.beginCreateOrUpdateAndWait(rg, 'snap-test-2', {
        location: disk.location,
        creationData: { createOption: 'Copy', sourceResourceId: `${disk.id!}-missing` },
      }),
      hasCode('NotFound'),
    );
    await assert.rejects(
      compute.snapshots.beginUpdateAndWait(rg, 'snap-test-1', { networkAccessPolicy: 'AllowPrivate' }),
      hasCode('InvalidParameter'),
    );
  });

  /** The first Azure resource the manifest lists under a finding. */
  const planted = (check: 'database.instance.public' | 'container.cluster.public-endpoint'): string => {
    const id = sim
      .estate()
      .manifest.misconfigurations[check]?.resources.find((r) => r.startsWith('/subscriptions/'));
    assert.ok(id, `the estate plants ${check} on Azure`);
    return id;
  };

  it('turns off public network access of a flexible server with PATCH, and refuses to open a VNet server', async () => {
    const id = planted('database.instance.public');
    const sub = id.split('/')[2]!;
    const resources = new ResourceManagementClient(sdk.credential, sub, sdk.options);
    const read = async (): Promise<{ state: string; network: Record<string, unknown> }> =>
      (await resources.resources.getById(id, '2023-12-30')).properties as {
        state: string;
        network: Record<string, unknown>;
      };
    const network = async (): Promise<Record<string, unknown>> => (await read()).network;
    const close = { properties: { network: { publicNetworkAccess: 'Disabled' } } };
    if ((await read()).state !== 'Ready') {
      await assert.rejects(
        resources.resources.beginUpdateByIdAndWait(id, '2023-12-30', close),
        hasCode('ServerIsNotReady'),
        'a stopped server takes no update',
      );
      const engine = id.includes('DBforMySQL')
        ? new MySQLManagementFlexibleServerClient(sdk.credential, sub, sdk.options)
        : new PostgreSQLManagementFlexibleServerClient(sdk.credential, sub, sdk.options);
      const start = await engine.servers.beginStart(groupOf(id), id.split('/').pop()!);
      sim.clock.advance(TRANSITION_MS);
      await start.pollUntilDone();
    }
    const poller = await resources.resources.beginUpdateById(id, '2023-12-30', close);
    assert.equal((await read()).state, 'Updating');
    sim.clock.advance(TRANSITION_MS);
    await poller.pollUntilDone();
    assert.deepEqual(await network(), { publicNetworkAccess: 'Disabled' }, 'private endpoints only, no VNet');
    const reopen = await resources.resources.beginUpdateById(id, '2023-12-30', {
      properties: { network: { publicNetworkAccess: 'Enabled' } },
    });
    sim.clock.advance(TRANSITION_MS);
    await reopen.pollUntilDone();
    assert.deepEqual(await network(), { publicNetworkAccess: 'Enabled' });

    let refused = 0;
    for (const subscription of sdk.subscriptions) {
      const pg = new PostgreSQLManagementFlexibleServerClient(sdk.credential, subscription, sdk.options);
      const vnet = (await collect(pg.servers.listBySubscription())).find(
        (s) => s.network?.delegatedSubnetResourceId && s.state === 'Ready',
      );
      if (!vnet) continue;
      await assert.rejects(
        pg.servers.beginUpdateAndWait(groupOf(vnet.id!), vnet.name!, {
          network: { publicNetworkAccess: 'Enabled' },
        }),
        hasCode('PublicNetworkAccessNotAllowed'),
      );
      refused++;
    }
    assert.ok(refused > 0, 'a VNet-integrated PostgreSQL server was tried');
  });

  it('narrows a public AKS API server to authorized ranges with PUT, refusing bad ranges', async () => {
    const id = planted('container.cluster.public-endpoint');
    const aks = new ContainerServiceClient(sdk.credential, id.split('/')[2]!, sdk.options);
    const rg = groupOf(id);
    const name = id.split('/').pop()!;
    let cluster: ManagedCluster = await aks.managedClusters.get(rg, name);
    if (cluster.powerState?.code !== 'Running') {
      await assert.rejects(
        aks.managedClusters.beginCreateOrUpdateAndWait(rg, name, cluster),
        hasCode('OperationNotAllowed'),
        'a stopped cluster takes no update',
      );
      const start = await aks.managedClusters.beginStart(rg, name);
      sim.clock.advance(TRANSITION_MS);
      await start.pollUntilDone();
      cluster = await aks.managedClusters.get(rg, name);
    }
    const poller = await aks.managedClusters.beginCreateOrUpdate(rg, name, {
      ...cluster,
      apiServerAccessProfile: { ...cluster.apiServerAccessProfile, authorizedIPRanges: ['203.0.113.0/24'] },
    });
    assert.equal((await aks.managedClusters.get(rg, name)).provisioningState, 'Updating');
    sim.clock.advance(TRANSITION_MS);
    await poller.pollUntilDone();
    const got = await aks.managedClusters.get(rg, name);
    assert.deepEqual(got.apiServerAccessProfile?.authorizedIPRanges, ['203.0.113.0/24']);
    assert.equal(got.provisioningState, 'Succeeded');
    await assert.rejects(
      aks.managedClusters.beginCreateOrUpdateAndWait(rg, name, {
        ...got,
        apiServerAccessProfile: { authorizedIPRanges: ['not-a-cidr'] },
      }),
      hasCode('InvalidParameter'),
    );
    await assert.rejects(
      aks.managedClusters.beginCreateOrUpdateAndWait(rg, 'no-such-cluster', { location: 'eastus' }),
      hasCode('ResourceNotFound'),
    );
  });
});
