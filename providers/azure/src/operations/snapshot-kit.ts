import type { OperationRequest } from '@escher/provider-api';
import type { AzureClients } from '../clients.ts';
import type { ArmTarget } from './arm-target.ts';
import { armRead, runLro } from './operation-kit.ts';
import { computeStart } from './vm-kit.ts';

/** Compute's snapshot name rule: 1–80 of letters, digits, `_.-`, starting and ending alphanumeric or `_`. */
export const SNAPSHOT_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/;

/** `{disk}-{yyyymmddThhmmss}`, cut to fit Compute's 80 characters. */
export function snapshotNameFor(diskName: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15);
  const base = diskName.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 80 - stamp.length - 1);
  return `${base}-${stamp}`.replace(/^[.-]+/, 'snap');
}

/** The parts of a disk a snapshot needs. */
export interface DiskInfo {
  id: string;
  name: string;
  location: string;
  resourceGroup: string;
}

/** Reads one managed disk by id. */
export async function readDisk(
  clients: AzureClients,
  request: OperationRequest,
  disk: ArmTarget,
): Promise<DiskInfo> {
  const got = await armRead(request, disk.subscriptionId, 'disks.get', () =>
    clients
      .compute(disk.subscriptionId)
      .disks.get(disk.resourceGroup, disk.name, { abortSignal: request.signal }),
  );
  return {
    id: got.id ?? disk.id,
    name: got.name ?? disk.name,
    location: got.location,
    resourceGroup: disk.resourceGroup,
  };
}

/**
 * Snapshots one managed disk: PUT …/snapshots/{name} with creationData Copy from the disk, in the
 * disk's region and group, waited for. New snapshots are closed to the network (networkAccessPolicy
 * DenyAll, publicNetworkAccess Disabled), so taking a backup never creates a
 * `compute.snapshot.public` finding. Returns the snapshot's id.
 */
export async function snapshotDisk(
  clients: AzureClients,
  request: OperationRequest,
  subscriptionId: string,
  disk: DiskInfo,
  name: string,
  incremental: boolean,
  tags: Readonly<Record<string, string>> = {},
): Promise<string> {
  const snapshot = await runLro(
    request,
    subscriptionId,
    'snapshots.createOrUpdate',
    computeStart((o) =>
      clients.compute(subscriptionId).snapshots.createOrUpdate(
        disk.resourceGroup,
        name,
        {
          location: disk.location,
          creationData: { createOption: 'Copy', sourceResourceId: disk.id },
          incremental,
          ...(Object.keys(tags).length ? { tags: { ...tags } } : {}),
          networkAccessPolicy: 'DenyAll',
          publicNetworkAccess: 'Disabled',
        },
        o,
      ),
    ),
  );
  return snapshot.id ?? `${disk.id.split('/providers/')[0]}/providers/Microsoft.Compute/snapshots/${name}`;
}

/** A snapshot's tags on Azure: the step's `tags`, and its `description` as a tag (snapshots have no description field). */
export function snapshotTags(p: {
  description?: string;
  tags?: Record<string, string>;
}): Record<string, string> {
  return { ...(p.tags ?? {}), ...(p.description ? { description: p.description.slice(0, 256) } : {}) };
}
