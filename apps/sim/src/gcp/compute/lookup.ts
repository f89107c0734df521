import { settle } from '../../core/transition.ts';
import { isRegion, isZone, regionOfZone } from '../catalog.ts';
import { invalidField, resourceNotFound } from '../errors.ts';
import { findProject, type GcpEstate, type GcpProject } from '../estate.ts';
import type { GcpCall } from '../route.ts';
import type { Scoped, ScopedStore } from '../store.ts';
import { instanceLink } from './generate-addresses.ts';
import type { GceInstance } from './types.ts';

/** The path's `project` (id or number), or Compute Engine's 404 for it. */
export function requireProject(call: GcpCall): GcpProject {
  const id = call.params['project'] ?? '';
  const project = findProject(call.estate, id);
  if (!project) throw resourceNotFound(`projects/${id}`);
  return project;
}

export function requireZone(call: GcpCall): string {
  const zone = call.params['zone'] ?? '';
  if (!isZone(zone)) throw invalidField('zone', zone, 'Unknown zone.');
  return zone;
}

export function requireRegion(call: GcpCall): string {
  const region = call.params['region'] ?? '';
  if (!isRegion(region)) throw invalidField('region', region, 'Unknown region.');
  return region;
}

/** A record by name or numeric id (Compute accepts either), or the 404 naming its path. */
export function findScoped<T extends Scoped & { id: string }>(
  store: ScopedStore<T>,
  project: string,
  scope: string,
  nameOrId: string,
  path: string,
): T {
  const found =
    store.get(project, scope, nameOrId) ??
    (/^\d+$/.test(nameOrId) ? store.list(project, scope).find((r) => r.id === nameOrId) : undefined);
  if (!found) throw resourceNotFound(path);
  return found;
}

/**
 * Applies an instance's due state change; an instance that reached DELETED is removed with its
 * auto-delete disks, and detached from its other disks and static addresses. Returns whether it
 * still exists.
 */
export function settleInstance(estate: GcpEstate, inst: GceInstance, call: Pick<GcpCall, 'sim'>): boolean {
  settle(inst, call.sim.clock);
  if (inst.state !== 'DELETED') return true;
  const { compute } = estate;
  compute.instances.delete(inst);
  for (const attached of inst.disks) {
    const disk = compute.disks.get(inst.project, inst.scope, attached.name);
    if (!disk) continue;
    if (attached.autoDelete) compute.disks.delete(disk);
    else disk.users = disk.users.filter((u) => u !== inst.name);
  }
  const link = instanceLink(inst);
  for (const nic of inst.nics) {
    if (!nic.address) continue;
    const address = compute.addresses.get(inst.project, regionOfZone(inst.scope), nic.address);
    if (address) address.users = address.users.filter((u) => u !== link);
  }
  return false;
}

/** The instances of a project (optionally one zone) that still exist, settled to now. */
export function liveInstances(call: GcpCall, project: string, zone?: string): GceInstance[] {
  return call.estate.compute.instances
    .list(project, zone)
    .filter((i) => settleInstance(call.estate, i, call));
}

/** The path's instance, settled; 404 when it does not exist (or has just been deleted). */
export function requireInstance(call: GcpCall): GceInstance {
  const project = requireProject(call).projectId;
  const zone = requireZone(call);
  const name = call.params['instance'] ?? '';
  const path = `projects/${call.params['project']}/zones/${zone}/instances/${name}`;
  const inst = findScoped(call.estate.compute.instances, project, zone, name, path);
  if (!settleInstance(call.estate, inst, call)) throw resourceNotFound(path);
  return inst;
}
