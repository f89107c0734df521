import type { DailyCost } from '../estate/cost.ts';
import type {
  AnyResource,
  ArmType,
  ResourceGroupRecord,
  ResourceOf,
  SubscriptionRecord,
  VmRecord,
} from './records.ts';
import { T } from './records.ts';

/** A long-running operation: `InProgress` until the simulator clock reaches `completesAt`. */
export interface AsyncOperation {
  id: string;
  subscriptionId: string;
  /** Resource provider namespace as ARM spells it in operation URLs (Microsoft.Compute). */
  namespace: string;
  location: string;
  /** What ran (start, deallocate, delete, …), for the operation's name. */
  name: string;
  resourceId: string;
  startedAt: number;
  completesAt: number;
}

/** A delete in flight: the record goes away when the clock passes `at`. */
export interface PendingDelete {
  id: string;
  at: number;
}

/**
 * The simulator's Azure state: subscriptions, resource groups and every resource, indexed by
 * lower-cased resource ID (ARM IDs are case-insensitive) and by type. Plain data only, so the
 * estate serialises canonically for the determinism check.
 */
export interface AzureEstate {
  tenantId: string;
  subscriptions: SubscriptionRecord[];
  regions: string[];
  resourceGroups: ResourceGroupRecord[];
  /** `{subscriptionId}/{lower-cased group name}` → group. */
  groups: Map<string, ResourceGroupRecord>;
  /** Lower-cased resource ID → resource. */
  byId: Map<string, AnyResource>;
  /** Lower-cased type → resources of that type, in generation order. */
  byType: Map<string, AnyResource[]>;
  operations: Map<string, AsyncOperation>;
  deletes: PendingDelete[];
  /** Daily cost per subscription and service name (Cost Management's source). */
  cost: DailyCost[];
}

export function emptyAzureEstate(tenantId: string): AzureEstate {
  return {
    tenantId,
    subscriptions: [],
    regions: [],
    resourceGroups: [],
    groups: new Map(),
    byId: new Map(),
    byType: new Map(),
    operations: new Map(),
    deletes: [],
    cost: [],
  };
}

export function addGroup(az: AzureEstate, group: ResourceGroupRecord): void {
  az.resourceGroups.push(group);
  az.groups.set(`${group.subscriptionId}/${group.name.toLowerCase()}`, group);
}

export function findGroup(
  az: AzureEstate,
  subscriptionId: string,
  name: string,
): ResourceGroupRecord | undefined {
  return az.groups.get(`${subscriptionId.toLowerCase()}/${name.toLowerCase()}`);
}

export function findSubscription(az: AzureEstate, id: string): SubscriptionRecord | undefined {
  const lower = id.toLowerCase();
  return az.subscriptions.find((s) => s.subscriptionId === lower);
}

export function addResource(az: AzureEstate, resource: AnyResource): void {
  az.byId.set(resource.id.toLowerCase(), resource);
  const key = resource.type.toLowerCase();
  let list = az.byType.get(key);
  if (!list) az.byType.set(key, (list = []));
  list.push(resource);
}

export function findResource(az: AzureEstate, id: string): AnyResource | undefined {
  return az.byId.get(id.toLowerCase());
}

/** The resource with this ID if it has this type. */
export function findOfType<K extends ArmType>(
  az: AzureEstate,
  id: string,
  type: K,
): ResourceOf<K> | undefined {
  const found = findResource(az, id);
  return found && found.type === type ? (found as ResourceOf<K>) : undefined;
}

export function resourcesOfType<K extends ArmType>(az: AzureEstate, type: K): readonly ResourceOf<K>[] {
  return (az.byType.get(type.toLowerCase()) ?? []) as ResourceOf<K>[];
}

export function allResources(az: AzureEstate): AnyResource[] {
  return [...az.byType.values()].flat();
}

/** Schedules a delete; the record stays visible (provisioningState Deleting) until `at`. */
export function scheduleDelete(az: AzureEstate, resource: AnyResource, at: number): void {
  resource.deleteAt = at;
  az.deletes.push({ id: resource.id, at });
  if (at <= 0) sweep(az, 0);
}

/** Applies the deletes that are due by `now`, with the side effects ARM has. */
export function sweep(az: AzureEstate, now: number): void {
  if (az.deletes.length === 0) return;
  const due = az.deletes.filter((d) => d.at <= now);
  if (due.length === 0) return;
  az.deletes = az.deletes.filter((d) => d.at > now);
  for (const { id } of due) removeResource(az, id);
}

function removeResource(az: AzureEstate, id: string): void {
  const resource = findResource(az, id);
  if (!resource) return;
  az.byId.delete(id.toLowerCase());
  const list = az.byType.get(resource.type.toLowerCase());
  const index = list?.indexOf(resource) ?? -1;
  if (list && index >= 0) list.splice(index, 1);
  if (resource.type === T.vm) detachFromVm(az, resource);
  if (resource.type === T.pip) {
    for (const nic of resourcesOfType(az, T.nic))
      if (nic.publicIpId === resource.id) nic.publicIpId = undefined;
  }
}

/** Deleting a VM keeps its disks and NICs (deleteOption Detach): they become unattached. */
function detachFromVm(az: AzureEstate, vm: VmRecord): void {
  for (const diskId of [vm.osDiskId, ...vm.dataDiskIds]) {
    const disk = findOfType(az, diskId, T.disk);
    if (disk) disk.managedBy = undefined;
  }
  for (const nicId of vm.nicIds) {
    const nic = findOfType(az, nicId, T.nic);
    if (nic) nic.vmId = undefined;
  }
}
