import type { protos } from '@google-cloud/compute';
import type { GcpContext } from '../../context.ts';
import { read } from '../core/call.ts';
import type { ComputeRef } from '../core/target.ts';

export type Instance = protos.google.cloud.compute.v1.IInstance;
export type Disk = protos.google.cloud.compute.v1.IDisk;
export type Snapshot = protos.google.cloud.compute.v1.ISnapshot;
export type Firewall = protos.google.cloud.compute.v1.IFirewall;
export type Address = protos.google.cloud.compute.v1.IAddress;
export type Policy = protos.google.cloud.compute.v1.IPolicy;

/**
 * One Compute Engine record by name (`get`), each call gated. These are what operations read
 * before they change something (current status, fingerprint, policy) and what `refresh`
 * normalises; a missing record rejects with `gcp-not-found`.
 */
export async function getInstance(ctx: GcpContext, ref: ComputeRef): Promise<Instance> {
  const client = await ctx.clients.instances();
  const call = { service: 'compute', operation: 'instances.get' };
  const [record] = await read(ctx, call, () =>
    client.get({ project: ref.project, zone: ref.location, instance: ref.name }),
  );
  return record;
}

export async function getDisk(ctx: GcpContext, ref: ComputeRef): Promise<Disk> {
  const client = await ctx.clients.disks();
  const call = { service: 'compute', operation: 'disks.get' };
  const [record] = await read(ctx, call, () =>
    client.get({ project: ref.project, zone: ref.location, disk: ref.name }),
  );
  return record;
}

export async function getSnapshot(ctx: GcpContext, ref: ComputeRef): Promise<Snapshot> {
  const client = await ctx.clients.snapshots();
  const call = { service: 'compute', operation: 'snapshots.get' };
  const [record] = await read(ctx, call, () => client.get({ project: ref.project, snapshot: ref.name }));
  return record;
}

export async function getSnapshotPolicy(ctx: GcpContext, ref: ComputeRef): Promise<Policy> {
  const client = await ctx.clients.snapshots();
  const call = { service: 'compute', operation: 'snapshots.getIamPolicy' };
  const [policy] = await read(ctx, call, () =>
    client.getIamPolicy({ project: ref.project, resource: ref.name }),
  );
  return policy;
}

export async function getFirewall(ctx: GcpContext, ref: ComputeRef): Promise<Firewall> {
  const client = await ctx.clients.firewalls();
  const call = { service: 'compute', operation: 'firewalls.get' };
  const [record] = await read(ctx, call, () => client.get({ project: ref.project, firewall: ref.name }));
  return record;
}

/** A regional address (`addresses.get`) or a global one (`globalAddresses.get`). */
export async function getAddress(ctx: GcpContext, ref: ComputeRef): Promise<Address> {
  if (ref.scope === 'global') {
    const client = await ctx.clients.globalAddresses();
    const call = { service: 'compute', operation: 'globalAddresses.get' };
    const [record] = await read(ctx, call, () => client.get({ project: ref.project, address: ref.name }));
    return record;
  }
  const client = await ctx.clients.addresses();
  const call = { service: 'compute', operation: 'addresses.get' };
  const [record] = await read(ctx, call, () =>
    client.get({ project: ref.project, region: ref.location, address: ref.name }),
  );
  return record;
}

export async function getNetwork(
  ctx: GcpContext,
  ref: ComputeRef,
): Promise<protos.google.cloud.compute.v1.INetwork> {
  const client = await ctx.clients.networks();
  const call = { service: 'compute', operation: 'networks.get' };
  return (await read(ctx, call, () => client.get({ project: ref.project, network: ref.name })))[0];
}

export async function getSubnetwork(
  ctx: GcpContext,
  ref: ComputeRef,
): Promise<protos.google.cloud.compute.v1.ISubnetwork> {
  const client = await ctx.clients.subnetworks();
  const call = { service: 'compute', operation: 'subnetworks.get' };
  return (
    await read(ctx, call, () =>
      client.get({ project: ref.project, region: ref.location, subnetwork: ref.name }),
    )
  )[0];
}

/** A regional forwarding rule or a global one. */
export async function getForwardingRule(
  ctx: GcpContext,
  ref: ComputeRef,
): Promise<protos.google.cloud.compute.v1.IForwardingRule> {
  if (ref.scope === 'global') {
    const client = await ctx.clients.globalForwardingRules();
    const call = { service: 'compute', operation: 'globalForwardingRules.get' };
    return (await read(ctx, call, () => client.get({ project: ref.project, forwardingRule: ref.name })))[0];
  }
  const client = await ctx.clients.forwardingRules();
  const call = { service: 'compute', operation: 'forwardingRules.get' };
  return (
    await read(ctx, call, () =>
      client.get({ project: ref.project, region: ref.location, forwardingRule: ref.name }),
    )
  )[0];
}
