import type { SimClock } from '../../core/clock.ts';
import { settle } from '../../core/transition.ts';
import { findOfType, type AzureEstate } from '../estate.ts';
import type { DiskRecord, SnapshotRecord, VmPower, VmRecord } from '../records.ts';
import { T } from '../records.ts';
import { compact, envelope, iso } from './common.ts';

const POWER_DISPLAY: Record<VmPower, string> = {
  starting: 'VM starting',
  running: 'VM running',
  stopping: 'VM stopping',
  stopped: 'VM stopped',
  deallocating: 'VM deallocating',
  deallocated: 'VM deallocated',
};

/** The VM's power state after applying any transition that is due. */
export function vmPower(vm: VmRecord, clock: SimClock): VmPower {
  return settle(vm.power, clock).state;
}

export function vmProvisioningState(vm: VmRecord, now: number): string {
  if (vm.deleteAt !== undefined) return 'Deleting';
  if (vm.power.pending || (vm.updatingUntil !== undefined && vm.updatingUntil > now)) return 'Updating';
  return 'Succeeded';
}

export interface VmRenderOptions {
  instanceView: boolean;
}

export function renderVm(
  az: AzureEstate,
  vm: VmRecord,
  clock: SimClock,
  options: VmRenderOptions = { instanceView: false },
): Record<string, unknown> {
  const now = clock.now();
  settle(vm.power, clock);
  const osDisk = findOfType(az, vm.osDiskId, T.disk);
  const out = envelope(vm, T.vm);
  if (vm.zone) out['zones'] = [vm.zone];
  const osConfig =
    vm.osType === 'Linux'
      ? {
          linuxConfiguration: {
            disablePasswordAuthentication: true,
            provisionVMAgent: true,
            patchSettings: { patchMode: 'ImageDefault', assessmentMode: 'ImageDefault' },
            enableVMAgentPlatformUpdates: false,
          },
        }
      : {
          windowsConfiguration: {
            provisionVMAgent: true,
            enableAutomaticUpdates: true,
            patchSettings: { patchMode: 'AutomaticByOS', assessmentMode: 'ImageDefault' },
            enableVMAgentPlatformUpdates: false,
          },
        };
  const properties: Record<string, unknown> = {
    hardwareProfile: { vmSize: vm.size },
    provisioningState: vmProvisioningState(vm, now),
    vmId: vm.vmId,
    storageProfile: {
      imageReference: { ...vm.image, version: 'latest', exactVersion: '22.4.20240101' },
      osDisk: compact({
        osType: vm.osType,
        name: osDisk?.name ?? vm.osDiskId.split('/').pop(),
        createOption: 'FromImage',
        caching: 'ReadWrite',
        managedDisk: { storageAccountType: osDisk?.sku ?? 'Premium_LRS', id: vm.osDiskId },
        deleteOption: 'Detach',
        diskSizeGB: osDisk?.sizeGb,
      }),
      dataDisks: vm.dataDiskIds.map((id, lun) => {
        const disk = findOfType(az, id, T.disk);
        return compact({
          lun,
          name: disk?.name ?? id.split('/').pop(),
          createOption: 'Attach',
          caching: 'None',
          managedDisk: { storageAccountType: disk?.sku ?? 'Premium_LRS', id },
          deleteOption: 'Detach',
          diskSizeGB: disk?.sizeGb,
          toBeDetached: false,
        });
      }),
      diskControllerType: 'SCSI',
    },
    osProfile: {
      computerName: vm.computerName,
      adminUsername: vm.adminUsername,
      ...osConfig,
      secrets: [],
      allowExtensionOperations: true,
      requireGuestProvisionSignal: true,
    },
    networkProfile: {
      networkInterfaces: vm.nicIds.map((id, i) => ({
        id,
        properties: { primary: i === 0, deleteOption: 'Detach' },
      })),
    },
    diagnosticsProfile: { bootDiagnostics: { enabled: true } },
    timeCreated: iso(vm.createdAt),
  };
  if (options.instanceView) properties['instanceView'] = renderInstanceView(az, vm, clock);
  out['properties'] = properties;
  return out;
}

/** The VM instance view: provisioning and power statuses (PowerState/running …), disks, agent. */
export function renderInstanceView(az: AzureEstate, vm: VmRecord, clock: SimClock): Record<string, unknown> {
  const now = clock.now();
  const power = vmPower(vm, clock);
  const provisioning = vmProvisioningState(vm, now);
  const statusTime = iso(vm.power.pending ? now : vm.createdAt);
  const diskStatus = (id: string): Record<string, unknown> => ({
    name: findOfType(az, id, T.disk)?.name ?? id.split('/').pop(),
    statuses: [
      {
        code: 'ProvisioningState/succeeded',
        level: 'Info',
        displayStatus: 'Provisioning succeeded',
        time: iso(vm.createdAt),
      },
    ],
  });
  const view: Record<string, unknown> = {
    computerName: vm.computerName,
    osName:
      vm.osType === 'Linux'
        ? vm.image.offer.includes('RHEL')
          ? 'redhat'
          : 'ubuntu'
        : 'Windows Server 2022 Datacenter',
    osVersion: vm.osType === 'Linux' ? '22.04' : '10.0.20348',
    hyperVGeneration: 'V2',
    disks: [vm.osDiskId, ...vm.dataDiskIds].map(diskStatus),
    statuses: [
      {
        code: `ProvisioningState/${provisioning.toLowerCase()}`,
        level: 'Info',
        displayStatus: provisioning === 'Succeeded' ? 'Provisioning succeeded' : provisioning,
        time: statusTime,
      },
      { code: `PowerState/${power}`, level: 'Info', displayStatus: POWER_DISPLAY[power] },
    ],
  };
  if (power === 'running') {
    view['vmAgent'] = {
      vmAgentVersion: '2.10.0.8',
      statuses: [
        {
          code: 'ProvisioningState/succeeded',
          level: 'Info',
          displayStatus: 'Ready',
          message: 'Guest Agent is running',
          time: iso(now),
        },
      ],
      extensionHandlers: [],
    };
  }
  return view;
}

const TIER: Record<string, string> = {
  Premium_LRS: 'Premium',
  Premium_ZRS: 'Premium',
  StandardSSD_LRS: 'Standard',
  Standard_LRS: 'Standard',
  Standard_ZRS: 'Standard',
};

function encryptionOf(d: DiskRecord): Record<string, unknown> {
  return d.encryption === 'customer'
    ? { type: 'EncryptionAtRestWithCustomerKey', diskEncryptionSetId: d.diskEncryptionSetId }
    : { type: 'EncryptionAtRestWithPlatformKey' };
}

export function renderDisk(d: DiskRecord): Record<string, unknown> {
  const out = envelope(d, T.disk);
  if (d.managedBy) out['managedBy'] = d.managedBy;
  out['sku'] = { name: d.sku, tier: TIER[d.sku] ?? 'Standard' };
  if (d.zone) out['zones'] = [d.zone];
  const properties: Record<string, unknown> = compact({
    osType: d.osType,
    hyperVGeneration: d.osType ? 'V2' : undefined,
    creationData: d.osType ? { createOption: 'FromImage' } : { createOption: 'Empty' },
    diskSizeGB: d.sizeGb,
    diskIOPSReadWrite: d.sizeGb >= 256 ? 1100 : 500,
    diskMBpsReadWrite: d.sizeGb >= 256 ? 125 : 100,
    encryption: encryptionOf(d),
    networkAccessPolicy: 'AllowAll',
    publicNetworkAccess: 'Enabled',
    timeCreated: iso(d.createdAt),
    provisioningState: d.deleteAt !== undefined ? 'Deleting' : 'Succeeded',
    diskState: d.managedBy ? 'Attached' : 'Unattached',
    diskSizeBytes: d.sizeGb * 1024 ** 3,
    uniqueId: d.uniqueId,
  });
  if (d.encryption === 'ade') {
    const vaultId = d.id.replace(
      /\/providers\/.*$/,
      `/providers/Microsoft.KeyVault/vaults/kv-ade-${d.resourceGroup
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
        .slice(0, 14)}`,
    );
    properties['encryptionSettingsCollection'] = {
      enabled: true,
      encryptionSettings: [
        {
          diskEncryptionKey: {
            sourceVault: { id: vaultId },
            secretUrl: `https://kv-ade.vault.azure.net/secrets/${d.uniqueId}/${d.uniqueId.replace(/-/g, '')}`,
          },
        },
      ],
      encryptionSettingsVersion: '1.1',
    };
  }
  out['properties'] = properties;
  return out;
}

export function renderSnapshot(s: SnapshotRecord): Record<string, unknown> {
  const out = envelope(s, T.snapshot);
  out['sku'] = { name: s.sku, tier: TIER[s.sku] ?? 'Standard' };
  out['properties'] = compact({
    osType: s.osType,
    hyperVGeneration: s.osType ? 'V2' : undefined,
    creationData: { createOption: 'Copy', sourceResourceId: s.sourceDiskId },
    diskSizeGB: s.sizeGb,
    encryption: { type: 'EncryptionAtRestWithPlatformKey' },
    incremental: s.incremental,
    networkAccessPolicy: s.networkAccessPolicy ?? (s.publicAccess ? 'AllowAll' : 'DenyAll'),
    publicNetworkAccess: s.publicNetworkAccess ?? (s.publicAccess ? 'Enabled' : 'Disabled'),
    diskAccessId: s.diskAccessId,
    timeCreated: iso(s.createdAt),
    provisioningState: s.deleteAt !== undefined ? 'Deleting' : 'Succeeded',
    diskState: 'Unattached',
    diskSizeBytes: s.sizeGb * 1024 ** 3,
    uniqueId: s.uniqueId,
  });
  return out;
}
