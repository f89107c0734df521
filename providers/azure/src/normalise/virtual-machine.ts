import type { Resource, ResourceState } from '@escher/protocol';
import type { GraphRow } from '../resource-graph/graph-row.ts';
import { makeResource, parentId, props, relationships, rowFields, userAssignedIdentities } from './common.ts';
import type { NetworkIndex } from './network-index.ts';

/** The parts of Microsoft.Compute/virtualMachines properties Escher reads. */
export interface VmProperties {
  hardwareProfile: { vmSize?: string };
  provisioningState: string;
  vmId: string;
  timeCreated: string;
  priority: string;
  licenseType: string;
  storageProfile: {
    imageReference?: { publisher?: string; offer?: string; sku?: string; id?: string };
    osDisk?: { osType?: string; managedDisk?: { id?: string } };
    dataDisks?: { managedDisk?: { id?: string } }[];
  };
  networkProfile: { networkInterfaces?: { id?: string }[] };
  /** Resource Graph's addition: the power state ARM only shows in the instance view. */
  extended: { instanceView?: { powerState?: { code?: string } } };
}

const POWER: Readonly<Record<string, ResourceState>> = {
  starting: 'starting',
  running: 'running',
  stopping: 'stopping',
  deallocating: 'stopping',
  stopped: 'stopped',
  deallocated: 'stopped',
};

/** `PowerState/deallocated` → `deallocated`; undefined when Graph did not say. */
export function powerStateOf(row: GraphRow): string | undefined {
  const code = props<VmProperties>(row).extended?.instanceView?.powerState?.code;
  return code ? code.replace(/^PowerState\//i, '').toLowerCase() : undefined;
}

/**
 * A virtual machine. State comes from the power state (deallocating counts as stopping,
 * deallocated and stopped as stopped — `powerState` keeps the difference, since a stopped but
 * allocated VM still bills). Public IPs, subnets and NSGs are reached through its NICs.
 * Attributes: size (VM size), osType, powerState, public, publicIp(s), privateIp, image, priority.
 */
export function normaliseVirtualMachine(row: GraphRow, network: NetworkIndex): Resource[] {
  const p = props<VmProperties>(row);
  const power = powerStateOf(row);
  const provisioning = (p.provisioningState ?? '').toLowerCase();
  const state: ResourceState =
    provisioning === 'deleting' ? 'deleting' : power ? (POWER[power] ?? 'unknown') : 'unknown';
  const nics = (p.networkProfile?.networkInterfaces ?? []).map((n) => network.nic(n.id));
  const publicIps = nics
    .flatMap((nic) => nic?.publicIpIds ?? [])
    .map((id) => network.pip(id)?.ipAddress)
    .filter((ip): ip is string => !!ip);
  const hasPublicIp = nics.some((nic) => (nic?.publicIpIds.length ?? 0) > 0);
  const subnets = nics.flatMap((nic) => nic?.subnetIds ?? []);
  const image = p.storageProfile?.imageReference;
  const disks = [
    p.storageProfile?.osDisk?.managedDisk?.id,
    ...(p.storageProfile?.dataDisks ?? []).map((d) => d.managedDisk?.id),
  ];
  return [
    makeResource({
      ...rowFields(row),
      state,
      createdAt: p.timeCreated,
      attributes: {
        size: p.hardwareProfile?.vmSize,
        osType: p.storageProfile?.osDisk?.osType,
        powerState: power,
        public: hasPublicIp,
        publicIp: publicIps[0],
        publicIps: publicIps.length > 1 ? publicIps : undefined,
        privateIp: nics.flatMap((nic) => nic?.privateIps ?? [])[0],
        image: image?.publisher ? [image.publisher, image.offer, image.sku].join(':') : image?.id,
        priority: p.priority,
        vmId: p.vmId,
        dataDiskCount: p.storageProfile?.dataDisks?.length ?? 0,
      },
      relationships: [
        ...relationships('attached-volume', disks),
        ...relationships('in-subnet', subnets),
        ...relationships(
          'in-vpc',
          subnets.map((s) => parentId(s)),
        ),
        ...relationships(
          'security-group',
          nics.map((nic) => nic?.nsgId),
        ),
        ...relationships('uses-role', userAssignedIdentities(row)),
      ],
    }),
  ];
}
