import type { Resource } from '@escher/protocol';
import { normaliseAddress } from '../compute/normalise-address.ts';
import { normaliseDisk } from '../compute/normalise-disk.ts';
import { normaliseFirewall } from '../compute/normalise-firewall.ts';
import { normaliseForwardingRule } from '../compute/normalise-forwarding-rule.ts';
import { normaliseInstance } from '../compute/normalise-instance.ts';
import { normaliseNetwork } from '../compute/normalise-network.ts';
import { normaliseSnapshot } from '../compute/normalise-snapshot.ts';
import { normaliseSubnetwork } from '../compute/normalise-subnetwork.ts';
import { normaliseCluster } from '../container/normalise-cluster.ts';
import { normaliseCloudFunction } from '../functions/normalise-cloud-function.ts';
import { normaliseFunction } from '../functions/normalise-function.ts';
import { normaliseServiceAccount } from '../iam/normalise-service-account.ts';
import { normaliseCryptoKey } from '../kms/normalise-crypto-key.ts';
import { isoTime } from '../names.ts';
import { normaliseSqlInstance } from '../sql/normalise-sql-instance.ts';
import { normaliseBucket } from '../storage/normalise-bucket.ts';

/** What a normaliser may need beyond the record: IAM policy members and function creation times. */
export interface AssetContext {
  /** The public members of the asset's IAM policy; undefined when the file has no IAM policies. */
  publicMembers(assetName: string): string[] | undefined;
  /** A 1st gen function's creation time, from its `cloudfunctions.googleapis.com/Function` asset. */
  gen1CreateTime(functionName: string): unknown;
}

type Normaliser = (data: never, project: string, assetName: string, ctx: AssetContext) => Resource;

/** A resource that is public by IAM, when the file carries IAM policies; else `public` unknown. */
function withPolicy(
  normalise: (members: readonly string[]) => Resource,
  members: string[] | undefined,
): Resource {
  const resource = normalise(members ?? []);
  if (members === undefined) {
    delete resource.attributes['public'];
    delete resource.attributes['publicMembers'];
  }
  return resource;
}

/**
 * The provider's normaliser of each asset type, fed `resource.data` — the service's REST
 * representation, which is what the SDKs return and the normalisers read (int64s as strings,
 * RFC 3339 times, `"60s"` durations: the normalisers accept both forms).
 */
export const ASSET_NORMALISERS: Readonly<Record<string, Normaliser>> = {
  'compute.googleapis.com/Instance': (d, p) => normaliseInstance(d, p),
  'compute.googleapis.com/Disk': (d, p) => normaliseDisk(d, p),
  'compute.googleapis.com/Snapshot': (d, p, name, ctx) =>
    withPolicy((m) => normaliseSnapshot(d, p, m), ctx.publicMembers(name)),
  'compute.googleapis.com/Network': (d, p) => normaliseNetwork(d, p),
  'compute.googleapis.com/Subnetwork': (d, p) => normaliseSubnetwork(d, p),
  'compute.googleapis.com/Firewall': (d, p) => normaliseFirewall(d, p),
  'compute.googleapis.com/ForwardingRule': (d, p) => normaliseForwardingRule(d, p),
  'compute.googleapis.com/GlobalForwardingRule': (d, p) => normaliseForwardingRule(d, p),
  'compute.googleapis.com/Address': (d, p) => normaliseAddress(d, p),
  'compute.googleapis.com/GlobalAddress': (d, p) => normaliseAddress(d, p),
  'storage.googleapis.com/Bucket': (d, p, name, ctx) =>
    withPolicy((m) => normaliseBucket(d, p, m), ctx.publicMembers(name)),
  'sqladmin.googleapis.com/Instance': (d, p) => normaliseSqlInstance(d, p),
  'container.googleapis.com/Cluster': (d, p) => normaliseCluster(d, p),
  'cloudfunctions.googleapis.com/CloudFunction': (d: { name?: string }, p, _name, ctx) =>
    normaliseCloudFunction(d, p, isoTime(ctx.gen1CreateTime(d.name ?? ''))),
  'cloudfunctions.googleapis.com/Function': (d, p) => normaliseFunction(d, p),
  'cloudkms.googleapis.com/CryptoKey': (d, p) => normaliseCryptoKey(d, p),
  'iam.googleapis.com/ServiceAccount': (d, p) => normaliseServiceAccount(d, p),
};
