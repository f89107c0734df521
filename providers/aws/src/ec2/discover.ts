import type { Snapshot } from '@aws-sdk/client-ec2';
import type { Resource } from '@escher/protocol';
import type { AwsContext } from '../core/context.ts';
import { describeAddresses } from './describe-addresses.ts';
import { describeInstances } from './describe-instances.ts';
import { describeSecurityGroups } from './describe-security-groups.ts';
import { describeSnapshots } from './describe-snapshots.ts';
import { describeSubnets } from './describe-subnets.ts';
import { describeVolumes } from './describe-volumes.ts';
import { describeVpcs } from './describe-vpcs.ts';
import { normaliseAddress } from './normalise-address.ts';
import { normaliseInstance } from './normalise-instance.ts';
import { normaliseSubnet, normaliseVpc } from './normalise-network.ts';
import { normaliseSecurityGroup } from './normalise-security-group.ts';
import { normaliseSnapshot } from './normalise-snapshot.ts';
import { normaliseVolume } from './normalise-volume.ts';

/** Resources handed to the scanner at a time when a listing is gathered whole first. */
const PAGE = 1000;

/** EC2 instances of one region. */
export async function* discoverInstances(ctx: AwsContext): AsyncGenerator<Resource[]> {
  for await (const page of describeInstances(ctx)) yield page.map((i) => normaliseInstance(i, ctx));
}

/** EBS volumes of one region. */
export async function* discoverVolumes(ctx: AwsContext): AsyncGenerator<Resource[]> {
  for await (const page of describeVolumes(ctx)) yield page.map((v) => normaliseVolume(v, ctx));
}

/**
 * The account's own EBS snapshots of one region, with which of them are public. Records are kept
 * only when EC2 names this account as owner: `OwnerIds: self` is the API's filter, and some
 * endpoints (moto) ignore it. The public listing is skipped when there is nothing to mark.
 */
export async function* discoverSnapshots(ctx: AwsContext): AsyncGenerator<Resource[]> {
  const own = (page: Snapshot[]) => page.filter((s) => !s.OwnerId || s.OwnerId === ctx.account);
  const snapshots: Snapshot[] = [];
  for await (const page of describeSnapshots(ctx)) snapshots.push(...own(page));
  if (snapshots.length === 0) return;
  const open = new Set<string>();
  for await (const page of describeSnapshots(ctx, true))
    for (const s of own(page)) open.add(s.SnapshotId ?? '');
  for (let i = 0; i < snapshots.length; i += PAGE) {
    yield snapshots.slice(i, i + PAGE).map((s) => normaliseSnapshot(s, ctx, open.has(s.SnapshotId ?? '')));
  }
}

/** Security groups of one region. */
export async function* discoverSecurityGroups(ctx: AwsContext): AsyncGenerator<Resource[]> {
  for await (const page of describeSecurityGroups(ctx)) yield page.map((g) => normaliseSecurityGroup(g, ctx));
}

/** Elastic IPs of one region. */
export async function* discoverAddresses(ctx: AwsContext): AsyncGenerator<Resource[]> {
  const addresses = await describeAddresses(ctx);
  if (addresses.length) yield addresses.map((a) => normaliseAddress(a, ctx));
}

/** VPCs of one region. */
export async function* discoverVpcs(ctx: AwsContext): AsyncGenerator<Resource[]> {
  for await (const page of describeVpcs(ctx)) yield page.map((v) => normaliseVpc(v, ctx));
}

/** Subnets of one region. */
export async function* discoverSubnets(ctx: AwsContext): AsyncGenerator<Resource[]> {
  for await (const page of describeSubnets(ctx)) yield page.map((s) => normaliseSubnet(s, ctx));
}
