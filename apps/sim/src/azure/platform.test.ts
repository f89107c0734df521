import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WebSiteManagementClient } from '@azure/arm-appservice';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { startTestSimulator } from '../testing/sim-fixture.ts';
import type { RunningSimulator } from '../server.ts';
import { DEPRECATED_RUNTIMES } from './gen/platform.ts';
import { azureSdk, groupOf } from '../testing/azure-sdk.ts';

const TRANSITION_MS = 3_000;

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('azure function apps, AKS, key vaults and identities', () => {
  let sim: RunningSimulator;
  let sdk: ReturnType<typeof azureSdk>;

  before(async () => {
    sim = await startTestSimulator({ transitionMs: TRANSITION_MS, size: 'medium' });
    sdk = azureSdk(sim);
  });
  after(() => sim.close());

  const count = (sub: string, type: string): number =>
    sim.estate().manifest.counts.azure![sub]![type as 'iam.role'] ?? 0;

  it('lists sites; function apps carry their runtime in siteConfig.linuxFxVersion, some deprecated', async () => {
    const sub = sdk.subscriptions[0]!;
    const web = new WebSiteManagementClient(sdk.credential, sub, sdk.options);
    const sites = await collect(web.webApps.list());
    const functions = sites.filter((s) => s.kind?.includes('functionapp'));
    assert.equal(functions.length, count(sub, 'serverless.function'));
    assert.ok(sites.length > functions.length, 'plain web apps are listed too');
    const fn = functions[0]!;
    assert.match(fn.siteConfig?.linuxFxVersion ?? '', /^[A-Z-]+\|/);
    const config = await web.webApps.getConfiguration(groupOf(fn.id!), fn.name!);
    assert.equal(config.linuxFxVersion, fn.siteConfig?.linuxFxVersion);
    const deprecated =
      sim.estate().manifest.misconfigurations['serverless.function.deprecated-runtime']?.resources ?? [];
    for (const s of functions) {
      const isOld = (DEPRECATED_RUNTIMES as readonly string[]).includes(s.siteConfig?.linuxFxVersion ?? '');
      assert.equal(isOld, deprecated.includes(s.id!), s.id);
    }
  });

  it('stops and starts an AKS cluster, and refuses to stop it twice', async () => {
    let found;
    for (const sub of sdk.subscriptions) {
      const aks = new ContainerServiceClient(sdk.credential, sub, sdk.options);
      const clusters = await collect(aks.managedClusters.list());
      assert.equal(clusters.length, count(sub, 'container.cluster'));
      const running = clusters.find((c) => c.powerState?.code === 'Running');
      if (running) found ??= { aks, cluster: running };
    }
    assert.ok(found);
    const { aks, cluster } = found;
    assert.equal(typeof cluster.apiServerAccessProfile?.enablePrivateCluster, 'boolean');
    const rg = groupOf(cluster.id!);
    const stop = await aks.managedClusters.beginStop(rg, cluster.name!);
    assert.equal((await aks.managedClusters.get(rg, cluster.name!)).provisioningState, 'Stopping');
    sim.clock.advance(TRANSITION_MS);
    await stop.pollUntilDone();
    const stopped = await aks.managedClusters.get(rg, cluster.name!);
    assert.equal(stopped.powerState?.code, 'Stopped');
    assert.equal(stopped.provisioningState, 'Succeeded');
    await assert.rejects(
      aks.managedClusters.beginStopAndWait(rg, cluster.name!),
      (e: { code?: string }) => e.code === 'OperationNotAllowed',
    );
    const start = await aks.managedClusters.beginStart(rg, cluster.name!);
    sim.clock.advance(TRANSITION_MS);
    await start.pollUntilDone();
    assert.equal((await aks.managedClusters.get(rg, cluster.name!)).powerState?.code, 'Running');
  });

  it('lists key vaults and their keys; vaults with keys lacking rotation are the recorded ones', async () => {
    const flagged = new Set(
      sim.estate().manifest.misconfigurations['security.key.no-rotation']?.resources ?? [],
    );
    for (const sub of sdk.subscriptions) {
      const kv = new KeyVaultManagementClient(sdk.credential, sub, sdk.options);
      const vaults = await collect(kv.vaults.listBySubscription());
      assert.equal(vaults.length, count(sub, 'security.key'));
      for (const vault of vaults) {
        const got = await kv.vaults.get(groupOf(vault.id!), vault.name!);
        assert.equal(got.properties.vaultUri, `https://${vault.name}.vault.azure.net/`);
        const keys = await collect(kv.keys.list(groupOf(vault.id!), vault.name!));
        const lacking = keys.some(
          (k) => !k.rotationPolicy?.lifetimeActions?.some((a) => a.action?.type?.toLowerCase() === 'rotate'),
        );
        assert.equal(lacking, flagged.has(vault.id!), vault.id);
      }
    }
  });

  it('lists user-assigned identities', async () => {
    const sub = sdk.subscriptions[0]!;
    const msi = new ManagedServiceIdentityClient(sdk.credential, sub, sdk.options);
    const identities = await collect(msi.userAssignedIdentities.listBySubscription());
    assert.equal(identities.length, count(sub, 'iam.role'));
    const one = identities[0]!;
    assert.match(one.principalId ?? '', /^[0-9a-f-]{36}$/);
    const got = await msi.userAssignedIdentities.get(groupOf(one.id!), one.name!);
    assert.equal(got.clientId, one.clientId);
  });
});
