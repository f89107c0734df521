import { createHash } from 'node:crypto';
import type { SimResponse } from '../../core/http.ts';
import { regionOfZone } from '../catalog.ts';
import { GcpError, invalidField } from '../errors.ts';
import type { GcpCall, GcpRoute } from '../route.ts';
import { parseLabels } from './instance-updates.ts';
import { findScoped, liveInstances, requireProject, requireZone } from './lookup.ts';
import { startOperation } from './operations.ts';
import { inUse, requireNewName, setLabels } from './set-labels.ts';
import type { GceDisk, GceSnapshot } from './types.ts';

function diskPath(d: Pick<GceDisk, 'project' | 'scope' | 'name'>): string {
  return `projects/${d.project}/zones/${d.scope}/disks/${d.name}`;
}

/** The path's disk (`{disk}` or `{resource}`), after settling instance deletions that detach it. */
function requireDisk(call: GcpCall, param: 'disk' | 'resource'): GceDisk {
  const project = requireProject(call).projectId;
  const zone = requireZone(call);
  liveInstances(call, project, zone);
  const name = call.params[param] ?? '';
  return findScoped(
    call.estate.compute.disks,
    project,
    zone,
    name,
    `projects/${call.params['project']}/zones/${zone}/disks/${name}`,
  );
}

/** A uint64-looking id derived from what is unique about a new record. */
export function newComputeId(seed: string): string {
  const hash = createHash('sha256').update(seed).digest('hex');
  return (
    (BigInt(`0x${hash.slice(0, 16)}`) % 9_000_000_000_000_000_000n) +
    1_000_000_000_000_000_000n
  ).toString();
}

/**
 * disks.createSnapshot: a new global snapshot of the disk, CREATING until the zonal operation is
 * done (the simulator's transition time), then READY. Names are unique per project (409).
 */
function createSnapshot(call: GcpCall): SimResponse {
  const disk = requireDisk(call, 'disk');
  const body = call.body();
  const name = requireNewName(body['name']);
  const { snapshots } = call.estate.compute;
  if (snapshots.get(disk.project, 'global', name))
    throw new GcpError(
      409,
      'alreadyExists',
      `The resource 'projects/${disk.project}/global/snapshots/${name}' already exists`,
    );
  const locations = body['storageLocations'];
  if (locations !== undefined && (!Array.isArray(locations) || locations.some((l) => typeof l !== 'string')))
    throw invalidField('resource.storageLocations', JSON.stringify(locations));
  const t = call.sim.timing.transitionMs;
  const snapshot: GceSnapshot = {
    project: disk.project,
    scope: 'global',
    name,
    id: newComputeId(`${disk.project}/snapshots/${name}/${call.now}`),
    createdMs: call.now,
    sourceDisk: { zone: disk.scope, name: disk.name, id: disk.id },
    diskSizeGb: disk.sizeGb,
    storageBytes: Math.round(disk.sizeGb * 1024 ** 3 * 0.3),
    storageLocation: (locations as string[] | undefined)?.[0] ?? regionOfZone(disk.scope),
    labels: parseLabels(body['labels']),
    iamMembers: [],
    autoCreated: false,
    readyMs: call.now + Math.max(0, t),
  };
  snapshots.add(snapshot);
  return startOperation(call, {
    project: disk.project,
    scope: `zones/${disk.scope}`,
    operationType: 'createSnapshot',
    targetLink: diskPath(disk),
    targetId: disk.id,
    durationMs: t,
  });
}

/** disks.delete: refused while an instance uses the disk; otherwise gone at once. */
function deleteDisk(call: GcpCall): SimResponse {
  const disk = requireDisk(call, 'disk');
  const user = disk.users[0];
  if (user !== undefined)
    throw inUse(diskPath(disk), `projects/${disk.project}/zones/${disk.scope}/instances/${user}`);
  call.estate.compute.disks.delete(disk);
  return startOperation(call, {
    project: disk.project,
    scope: `zones/${disk.scope}`,
    operationType: 'delete',
    targetLink: diskPath(disk),
    targetId: disk.id,
    durationMs: call.sim.timing.transitionMs,
  });
}

const base = '/compute/v1/projects/{project}/zones/{zone}/disks';

/** disks.createSnapshot, disks.delete and disks.setLabels. */
export const diskWriteRoutes: GcpRoute[] = [
  {
    method: 'POST',
    path: `${base}/{disk}/createSnapshot`,
    service: 'compute',
    operation: 'disks.createSnapshot',
    mutating: true,
    handle: createSnapshot,
  },
  {
    method: 'DELETE',
    path: `${base}/{disk}`,
    service: 'compute',
    operation: 'disks.delete',
    mutating: true,
    handle: deleteDisk,
  },
  {
    method: 'POST',
    path: `${base}/{resource}/setLabels`,
    service: 'compute',
    operation: 'disks.setLabels',
    mutating: true,
    handle(call) {
      const disk = requireDisk(call, 'resource');
      return setLabels(call, disk, `zones/${disk.scope}`, diskPath(disk));
    },
  },
];
