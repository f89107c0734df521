import type { Rng } from '../../core/rng.ts';
import { MISCONFIG_RATES } from '../../estate/misconfig-rates.ts';
import { cpuProfile } from '../../estate/metrics.ts';
import { resourceName } from '../../estate/naming.ts';
import type {
  DiskEncryption,
  DiskRecord,
  NicRecord,
  PipRecord,
  VmPower,
  VmRecord,
  VnetRecord,
} from '../records.ts';
import { T } from '../records.ts';
import {
  add,
  armId,
  base,
  draw,
  mac,
  misconfig,
  nextSeq,
  place,
  publicIp,
  type AzureGenContext,
  type GenGroup,
} from './context.ts';
import { makeVnet, push, scopeKey, type NetworkIndex } from './network.ts';

export const VM_SIZES = [
  'Standard_B1s',
  'Standard_B2s',
  'Standard_B2ms',
  'Standard_B4ms',
  'Standard_D2s_v3',
  'Standard_D4s_v3',
  'Standard_D8s_v3',
  'Standard_D2s_v5',
  'Standard_D4s_v5',
  'Standard_D8s_v5',
  'Standard_D16s_v5',
  'Standard_DS1_v2',
  'Standard_DS2_v2',
  'Standard_E4s_v3',
  'Standard_E8s_v5',
  'Standard_F4s_v2',
  'Standard_F8s_v2',
  'Standard_NC6s_v3',
] as const;

const LINUX_IMAGES = [
  { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2' },
  { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server' },
  { publisher: 'RedHat', offer: 'RHEL', sku: '8-lvm-gen2' },
  { publisher: 'Debian', offer: 'debian-12', sku: '12-gen2' },
];
const WINDOWS_IMAGES = [
  { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition' },
  { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2019-datacenter-gensecond' },
];
const ROLES = ['vm', 'web', 'api', 'worker', 'app', 'batch', 'jump', 'svc'];
const DISK_SKUS = ['Premium_LRS', 'StandardSSD_LRS', 'Standard_LRS', 'Premium_ZRS'];

/** Extra-draw probability that makes `rate` the share of the whole population (attached + extra). */
const extra = (rate: number): number => rate / (1 - rate);

/**
 * Virtual machines with their NICs (internal records), managed disks (OS + 0–2 data disks),
 * public IPs for the ones exposed, plus the leftovers real estates accumulate: unattached disks and
 * unassociated public IPs, drawn so that their share of all disks / IPs is the documented rate.
 */
export function generateVms(ctx: AzureGenContext, count: number, net: NetworkIndex): VmRecord[] {
  const rng = ctx.rng.fork('vms');
  const vms: VmRecord[] = [];
  for (let i = 0; i < count; i++) {
    const placed = place(ctx, rng);
    const vnet = vnetFor(ctx, rng, net, placed.g, placed.location);
    const location = vnet.location;
    const g = placed.g;
    const seq = nextSeq(ctx, 'vm');
    const name = resourceName(rng, g.app, rng.pick(ROLES), g.env, seq);
    const osType = rng.chance(0.25) ? 'Windows' : 'Linux';
    const power: VmPower = rng.weighted<VmPower>([
      ['running', 80],
      ['deallocated', 15],
      ['stopped', 5],
    ]);
    const idle = power === 'running' && draw(rng, 'compute.instance.idle');
    const zone = rng.chance(0.4) ? String(rng.int(1, 3)) : undefined;
    const b = base(ctx, rng, g, location, T.vm, name);
    const vm: VmRecord = {
      ...b,
      type: T.vm,
      vmId: rng.uuid(),
      size: rng.pick(VM_SIZES),
      zone,
      osType,
      image: rng.pick(osType === 'Windows' ? WINDOWS_IMAGES : LINUX_IMAGES),
      adminUsername: rng.pick(['azureuser', 'azureadmin', 'ops', 'deploy']),
      computerName: osType === 'Windows' ? name.slice(0, 15) : name,
      osDiskId: '',
      dataDiskIds: [],
      nicIds: [],
      power: { state: power },
      cpu: cpuProfile(rng, idle),
    };
    if (idle) misconfig(ctx, 'compute.instance.idle', vm.id);
    const nic = makeNic(ctx, rng, g, vm, vnet, net);
    vm.nicIds.push(nic.id);
    if (draw(rng, 'compute.instance.public-ip')) {
      const pip = makePip(ctx, rng, g, location, `${name}-ip`, `${nic.id}/ipConfigurations/ipconfig1`, zone);
      nic.publicIpId = pip.id;
      misconfig(ctx, 'compute.instance.public-ip', vm.id);
    }
    const osDisk = makeDisk(
      ctx,
      rng,
      g,
      location,
      `${name}_OsDisk_1_${rng.hex(32)}`,
      vm,
      osType === 'Windows' ? 127 : rng.pick([30, 64, 128]),
      zone,
    );
    vm.osDiskId = osDisk.id;
    const dataDisks = rng.weighted([
      [0, 4],
      [1, 4],
      [2, 2],
    ] as const);
    for (let d = 0; d < dataDisks; d++) {
      const diskName = rng.chance(0.5)
        ? `${name}_DataDisk_${d}`
        : `${name}-data-${String(d + 1).padStart(2, '0')}`;
      const disk = makeDisk(
        ctx,
        rng,
        g,
        location,
        diskName,
        vm,
        rng.pick([32, 64, 128, 256, 512, 1024]),
        zone,
      );
      vm.dataDiskIds.push(disk.id);
    }
    add(ctx, vm, 'compute.instance');
    vms.push(vm);
  }
  return vms;
}

function vnetFor(
  ctx: AzureGenContext,
  rng: Rng,
  net: NetworkIndex,
  g: GenGroup,
  location: string,
): VnetRecord {
  const here = net.vnets.get(scopeKey(g.group.subscriptionId, location));
  if (here) return rng.pick(here);
  const inSubscription = [...net.vnets.entries()]
    .filter(([k]) => k.startsWith(`${g.group.subscriptionId}|`))
    .flatMap(([, v]) => v);
  if (inSubscription.length > 0) return rng.pick(inSubscription);
  const vnet = makeVnet(ctx, rng, g, location);
  push(net.vnets, scopeKey(vnet.subscriptionId, location), vnet);
  return vnet;
}

function makeNic(
  ctx: AzureGenContext,
  rng: Rng,
  g: GenGroup,
  vm: VmRecord,
  vnet: VnetRecord,
  net: NetworkIndex,
): NicRecord {
  const usable = vnet.subnets.filter((s) => s.name !== 'GatewaySubnet' && s.name !== 'AzureBastionSubnet');
  const subnet = rng.pick(usable.length > 0 ? usable : vnet.subnets);
  const host = 4 + subnet.nicIds.length;
  const prefix = subnet.addressPrefix.split('.').slice(0, 2).join('.');
  const third = Number(subnet.addressPrefix.split('.')[2]) + Math.floor(host / 250);
  const name = rng.chance(0.6) ? `${vm.name}${rng.int(100, 999)}` : `${vm.name}-nic`;
  const nic: NicRecord = {
    id: armId(g.group.subscriptionId, g.group.name, T.nic, name),
    name,
    subscriptionId: vm.subscriptionId,
    resourceGroup: vm.resourceGroup,
    location: vm.location,
    tags: {},
    createdAt: vm.createdAt,
    type: T.nic,
    vmId: vm.id,
    subnetId: subnet.id,
    privateIp: `${prefix}.${third % 256}.${host % 250}`,
    mac: mac(rng),
    backendPoolIds: [],
  };
  const nsgs = net.nsgs.get(scopeKey(vm.subscriptionId, vm.location));
  if (nsgs && rng.chance(0.4)) {
    const nsg = rng.pick(nsgs);
    nic.nsgId = nsg.id;
    nsg.nicIds.push(nic.id);
  }
  subnet.nicIds.push(nic.id);
  add(ctx, nic, undefined);
  return nic;
}

/** A public IP; associated ones may leave an unassociated sibling behind (a forgotten address). */
export function makePip(
  ctx: AzureGenContext,
  rng: Rng,
  g: GenGroup,
  location: string,
  name: string,
  ipConfigurationId: string | undefined,
  zone?: string,
): PipRecord {
  const standard = rng.chance(0.8);
  const b = base(ctx, rng, g, location, T.pip, name);
  const pip: PipRecord = {
    ...b,
    type: T.pip,
    ip: publicIp(rng),
    allocation: standard ? 'Static' : rng.pick(['Static', 'Dynamic'] as const),
    sku: standard ? 'Standard' : 'Basic',
    ipConfigurationId,
    zones: standard && zone ? [zone] : standard ? ['1', '2', '3'] : undefined,
    domainLabel: rng.chance(0.2) ? name.toLowerCase().replace(/[^a-z0-9-]/g, '') : undefined,
  };
  add(ctx, pip, 'network.ip');
  if (ipConfigurationId && rng.chance(extra(MISCONFIG_RATES['network.ip.unassociated']))) {
    const orphan = makePip(ctx, rng, g, location, `pip-${g.app}-${nextSeq(ctx, 'pip')}`, undefined);
    misconfig(ctx, 'network.ip.unassociated', orphan.id);
  }
  return pip;
}

function makeDisk(
  ctx: AzureGenContext,
  rng: Rng,
  g: GenGroup,
  location: string,
  name: string,
  vm: VmRecord | undefined,
  sizeGb: number,
  zone: string | undefined,
): DiskRecord {
  const b = base(ctx, rng, g, location, T.disk, name);
  if (vm) b.createdAt = vm.createdAt;
  const unencrypted = draw(rng, 'compute.volume.unencrypted');
  const encryption: DiskEncryption = unencrypted ? 'platform' : rng.pick(['customer', 'ade'] as const);
  const disk: DiskRecord = {
    ...b,
    type: T.disk,
    uniqueId: rng.uuid(),
    sku: rng.pick(DISK_SKUS),
    sizeGb,
    osType: vm && name.includes('_OsDisk_') ? vm.osType : undefined,
    managedBy: vm?.id,
    zone,
    encryption,
    diskEncryptionSetId:
      encryption === 'customer'
        ? armId(g.group.subscriptionId, g.group.name, 'Microsoft.Compute/diskEncryptionSets', `des-${g.app}`)
        : undefined,
  };
  add(ctx, disk, 'compute.volume');
  if (unencrypted) misconfig(ctx, 'compute.volume.unencrypted', disk.id);
  if (vm && rng.chance(extra(MISCONFIG_RATES['compute.volume.unattached']))) {
    const leftover = rng.chance(0.5)
      ? `${vm.name}-data-old-${nextSeq(ctx, 'disk')}`
      : `disk-${g.app}-${nextSeq(ctx, 'disk')}`;
    const orphan = makeDisk(
      ctx,
      rng,
      g,
      location,
      leftover,
      undefined,
      rng.pick([32, 64, 128, 256, 512]),
      undefined,
    );
    misconfig(ctx, 'compute.volume.unattached', orphan.id);
  }
  return disk;
}
