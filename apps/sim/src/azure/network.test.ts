import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NetworkManagementClient } from '@azure/arm-network';
import { startTestSimulator } from '../testing/sim-fixture.ts';
import type { RunningSimulator } from '../server.ts';
import { azureSdk, groupOf } from '../testing/azure-sdk.ts';

const TRANSITION_MS = 2_000;

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('azure network through @azure/arm-network', () => {
  let sim: RunningSimulator;
  let network: NetworkManagementClient;
  let subscription: string;
  let counts: Record<string, number | undefined>;

  before(async () => {
    sim = await startTestSimulator({ transitionMs: TRANSITION_MS });
    const sdk = azureSdk(sim);
    subscription = sdk.subscriptions[0]!;
    network = new NetworkManagementClient(sdk.credential, subscription, sdk.options);
    counts = sim.estate().manifest.counts.azure![subscription]!;
  });
  after(() => sim.close());

  it('lists network security groups with their rules and the default rules', async () => {
    const nsgs = await collect(network.networkSecurityGroups.listAll());
    assert.equal(nsgs.length, counts['network.firewall']);
    const nsg = nsgs[0]!;
    assert.ok((nsg.securityRules?.length ?? 0) > 0);
    assert.deepEqual(nsg.defaultSecurityRules?.map((r) => r.name).slice(0, 3), [
      'AllowVnetInBound',
      'AllowAzureLoadBalancerInBound',
      'DenyAllInBound',
    ]);
    const got = await network.networkSecurityGroups.get(groupOf(nsg.id!), nsg.name!);
    assert.equal(got.id, nsg.id);
    const inGroup = await collect(network.networkSecurityGroups.list(groupOf(nsg.id!)));
    assert.ok(inGroup.some((n) => n.id === nsg.id));
  });

  it('deletes a security rule through the LRO poller', async () => {
    const nsgs = await collect(network.networkSecurityGroups.listAll());
    const nsg = nsgs.find((n) => (n.securityRules?.length ?? 0) > 0)!;
    const rule = nsg.securityRules![0]!;
    const rg = groupOf(nsg.id!);
    const poller = await network.securityRules.beginDelete(rg, nsg.name!, rule.name!);
    await poller.poll();
    assert.equal(poller.isDone(), false);
    sim.clock.advance(TRANSITION_MS);
    await poller.pollUntilDone();
    const rules = await collect(network.securityRules.list(rg, nsg.name!));
    assert.ok(!rules.some((r) => r.name === rule.name));
    await assert.rejects(
      network.securityRules.get(rg, nsg.name!, rule.name!),
      (e: { code?: string; statusCode?: number }) => e.code === 'NotFound' && e.statusCode === 404,
    );
  });

  it('narrows an open rule with createOrUpdate', async () => {
    const nsgs = await collect(network.networkSecurityGroups.listAll());
    const nsg = nsgs[1]!;
    const rg = groupOf(nsg.id!);
    const poller = await network.securityRules.beginCreateOrUpdate(rg, nsg.name!, 'AllowSSH', {
      protocol: 'Tcp',
      sourceAddressPrefix: '10.0.0.0/8',
      sourcePortRange: '*',
      destinationAddressPrefix: '*',
      destinationPortRange: '22',
      access: 'Allow',
      priority: 310,
      direction: 'Inbound',
    });
    sim.clock.advance(TRANSITION_MS);
    const rule = await poller.pollUntilDone();
    assert.equal(rule.sourceAddressPrefix, '10.0.0.0/8');
    assert.equal((await network.securityRules.get(rg, nsg.name!, 'AllowSSH')).destinationPortRange, '22');
  });

  it('lists public IPs, some unassociated, and refuses to delete one in use', async () => {
    const ips = await collect(network.publicIPAddresses.listAll());
    assert.equal(ips.length, counts['network.ip']);
    const used = ips.find((ip) => ip.ipConfiguration?.id);
    assert.ok(used);
    await assert.rejects(
      network.publicIPAddresses.beginDeleteAndWait(groupOf(used.id!), used.name!),
      (e: { code?: string }) => e.code === 'PublicIPAddressCannotBeDeleted',
    );
    const got = await network.publicIPAddresses.get(groupOf(used.id!), used.name!);
    assert.equal(got.ipAddress, used.ipAddress);
  });

  it('lists virtual networks and their subnets (subnet IDs under the network)', async () => {
    const vnets = await collect(network.virtualNetworks.listAll());
    assert.equal(vnets.length, counts['network.vpc']);
    let subnets = 0;
    for (const vnet of vnets) {
      const listed = await collect(network.subnets.list(groupOf(vnet.id!), vnet.name!));
      subnets += listed.length;
      for (const s of listed) assert.ok(s.id!.startsWith(`${vnet.id}/subnets/`));
    }
    assert.equal(subnets, counts['network.subnet']);
    const vnet = vnets[0]!;
    const subnet = await network.subnets.get(groupOf(vnet.id!), vnet.name!, vnet.subnets![0]!.name!);
    assert.equal(subnet.addressPrefix, vnet.subnets![0]!.addressPrefix);
  });

  it('lists load balancers whose backend pools reference VM NICs', async () => {
    const lbs = await collect(network.loadBalancers.listAll());
    assert.equal(lbs.length, counts['network.loadbalancer'] ?? 0);
    const nics = await collect(network.networkInterfaces.listAll());
    const ipconfigs = new Set(nics.flatMap((n) => n.ipConfigurations?.map((c) => c.id) ?? []));
    for (const lb of lbs) {
      const backends = lb.backendAddressPools?.[0]?.backendIPConfigurations ?? [];
      assert.ok(backends.length > 0);
      for (const b of backends) assert.ok(ipconfigs.has(b.id), `${b.id} is a NIC ipconfig`);
    }
    const nic = nics.find((n) => n.virtualMachine)!;
    assert.ok(nic.ipConfigurations?.[0]?.subnet?.id?.includes('/subnets/'));
    assert.equal(
      (await network.networkInterfaces.get(groupOf(nic.id!), nic.name!)).macAddress,
      nic.macAddress,
    );
    if (lbs[0])
      assert.equal((await network.loadBalancers.get(groupOf(lbs[0].id!), lbs[0].name!)).id, lbs[0].id);
  });
});
