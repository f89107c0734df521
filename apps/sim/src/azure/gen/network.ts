import type { Rng } from '../../core/rng.ts';
import { resourceName } from '../../estate/naming.ts';
import type { NsgRecord, NsgRule, SubnetRecord, VnetRecord } from '../records.ts';
import { T } from '../records.ts';
import { add, base, draw, misconfig, nextSeq, place, type AzureGenContext } from './context.ts';

/** Virtual networks and NSGs by `{subscription}|{location}`, for placing NICs next to them. */
export interface NetworkIndex {
  vnets: Map<string, VnetRecord[]>;
  nsgs: Map<string, NsgRecord[]>;
}

const SUBNET_NAMES = [
  'default',
  'snet-app',
  'snet-data',
  'snet-web',
  'snet-aks',
  'snet-private-endpoints',
  'GatewaySubnet',
  'AzureBastionSubnet',
];

export function scopeKey(subscriptionId: string, location: string): string {
  return `${subscriptionId}|${location}`;
}

/**
 * Virtual networks (each with 1–4 subnets, counted as network.subnet), then network security groups:
 * some attached to subnets, some left for NICs, a share with rules open to the Internet.
 */
export function generateNetworks(ctx: AzureGenContext, vnetCount: number, nsgCount: number): NetworkIndex {
  const index: NetworkIndex = { vnets: new Map(), nsgs: new Map() };
  const rng = ctx.rng.fork('vnets');
  // Every subscription gets a network first, so every VM has somewhere to go.
  for (let i = 0; i < vnetCount; i++) {
    const sub = ctx.az.subscriptions[i % ctx.az.subscriptions.length]!.subscriptionId;
    const { g, location } = i < ctx.az.subscriptions.length ? placeIn(ctx, rng, sub) : place(ctx, rng);
    const vnet = makeVnet(ctx, rng, g, location);
    push(index.vnets, scopeKey(vnet.subscriptionId, location), vnet);
  }
  const nsgRng = ctx.rng.fork('nsgs');
  for (let i = 0; i < nsgCount; i++) {
    const { g, location } = place(ctx, nsgRng);
    const seq = nextSeq(ctx, 'nsg');
    const name = nsgRng.chance(0.5) ? `nsg-${g.app}-${seq}` : resourceName(nsgRng, g.app, 'nsg', g.env, seq);
    const b = base(ctx, nsgRng, g, location, T.nsg, name);
    const nsg: NsgRecord = { ...b, type: T.nsg, rules: [], nicIds: [], subnetIds: [] };
    nsg.rules = nsgRules(ctx, nsgRng, nsg.id);
    add(ctx, nsg, 'network.firewall');
    push(index.nsgs, scopeKey(nsg.subscriptionId, location), nsg);
  }
  // Attach about half the subnets to an NSG of the same subscription and region.
  for (const [key, vnets] of index.vnets) {
    const nsgs = index.nsgs.get(key);
    if (!nsgs) continue;
    for (const vnet of vnets) {
      for (const subnet of vnet.subnets) {
        if (subnet.name === 'GatewaySubnet' || !rng.chance(0.5)) continue;
        const nsg = rng.pick(nsgs);
        subnet.nsgId = nsg.id;
        nsg.subnetIds.push(subnet.id);
      }
    }
  }
  return index;
}

function placeIn(ctx: AzureGenContext, rng: Rng, subscriptionId: string): ReturnType<typeof place> {
  const candidates = ctx.groups.filter((g) => g.group.subscriptionId === subscriptionId);
  const g = rng.pick(candidates);
  return { g, location: g.group.location };
}

/** A new virtual network where none exists yet for a subscription and region. */
export function makeVnet(
  ctx: AzureGenContext,
  rng: Rng,
  g: Parameters<typeof base>[2],
  location: string,
): VnetRecord {
  const seq = nextSeq(ctx, 'vnet');
  const name = rng.chance(0.5) ? `vnet-${g.app}-${location}-${seq}` : `${g.group.name}-vnet-${seq}`;
  const b = base(ctx, rng, g, location, T.vnet, name);
  const octet = seq % 250;
  const vnet: VnetRecord = { ...b, type: T.vnet, addressPrefix: `10.${octet}.0.0/16`, subnets: [] };
  const names = [...SUBNET_NAMES];
  const count = rng.int(1, 4);
  for (let i = 0; i < count; i++) {
    const subnetName = i === 0 ? 'default' : names.splice(rng.int(1, names.length - 1), 1)[0]!;
    const subnet: SubnetRecord = {
      id: `${vnet.id}/subnets/${subnetName}`,
      name: subnetName,
      addressPrefix: `10.${octet}.${i}.0/24`,
      nicIds: [],
    };
    vnet.subnets.push(subnet);
  }
  add(ctx, vnet, 'network.vpc');
  for (let i = 0; i < vnet.subnets.length; i++)
    ctx.manifest.resource('azure', vnet.subscriptionId, 'network.subnet');
  return vnet;
}

const WORLD = ['*', 'Internet', '0.0.0.0/0', 'Any'];

/**
 * Inbound rules. A misconfigured NSG allows SSH, RDP or everything from the Internet; an NSG that
 * opens every port is also recorded as open to SSH and RDP, because it is.
 */
function nsgRules(ctx: AzureGenContext, rng: Rng, nsgId: string): NsgRule[] {
  const rules: NsgRule[] = [];
  let priority = 100;
  const next = (): number => (priority += rng.pick([10, 10, 20, 100]));
  rules.push({
    name: 'AllowHttpsInbound',
    priority: next(),
    direction: 'Inbound',
    access: 'Allow',
    protocol: 'Tcp',
    sourceAddressPrefix: rng.pick(['Internet', '*']),
    destinationPortRange: '443',
  });
  if (rng.chance(0.6)) {
    rules.push({
      name: 'AllowSshFromVnet',
      priority: next(),
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      sourceAddressPrefix: rng.pick(['VirtualNetwork', '10.0.0.0/8', '172.16.4.0/24']),
      destinationPortRange: '22',
    });
  }
  const all = draw(rng, 'network.firewall.open-all');
  const ssh = all || draw(rng, 'network.firewall.open-ssh');
  const rdp = all || draw(rng, 'network.firewall.open-rdp');
  if (all) {
    rules.push({
      name: rng.pick(['AllowAnyInbound', 'allow-all', 'Temp-AllowAll']),
      priority: next(),
      direction: 'Inbound',
      access: 'Allow',
      protocol: '*',
      sourceAddressPrefix: rng.pick(WORLD),
      destinationPortRange: '*',
    });
    misconfig(ctx, 'network.firewall.open-all', nsgId);
  }
  if (ssh) {
    if (!all)
      rules.push({
        name: rng.pick(['SSH', 'AllowSSH', 'default-allow-ssh']),
        priority: next(),
        direction: 'Inbound',
        access: 'Allow',
        protocol: 'Tcp',
        sourceAddressPrefix: rng.pick(WORLD),
        destinationPortRange: rng.pick(['22', '22', '20-23']),
      });
    misconfig(ctx, 'network.firewall.open-ssh', nsgId);
  }
  if (rdp) {
    if (!all)
      rules.push({
        name: rng.pick(['RDP', 'AllowRDP', 'default-allow-rdp']),
        priority: next(),
        direction: 'Inbound',
        access: 'Allow',
        protocol: rng.pick(['Tcp', '*'] as const),
        sourceAddressPrefix: rng.pick(WORLD),
        destinationPortRange: '3389',
      });
    misconfig(ctx, 'network.firewall.open-rdp', nsgId);
  }
  if (rng.chance(0.3)) {
    rules.push({
      name: 'DenyLegacyTelnet',
      priority: next(),
      direction: 'Inbound',
      access: 'Deny',
      protocol: 'Tcp',
      sourceAddressPrefix: '*',
      destinationPortRange: '23',
    });
  }
  if (rng.chance(0.3)) {
    rules.push({
      name: 'AllowAppFromLb',
      priority: next(),
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      sourceAddressPrefix: 'AzureLoadBalancer',
      destinationPortRange: rng.pick(['8080', '8000-8100', '5000']),
    });
  }
  return rules;
}

export function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
