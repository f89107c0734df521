import type { Resource, ResourceType } from '@escher/protocol';
import { normaliseAddress } from '../../compute/normalise-address.ts';
import { normaliseDisk } from '../../compute/normalise-disk.ts';
import { normaliseFirewall } from '../../compute/normalise-firewall.ts';
import { normaliseForwardingRule } from '../../compute/normalise-forwarding-rule.ts';
import { normaliseInstance } from '../../compute/normalise-instance.ts';
import { normaliseNetwork } from '../../compute/normalise-network.ts';
import { normaliseSnapshot } from '../../compute/normalise-snapshot.ts';
import { normaliseSubnetwork } from '../../compute/normalise-subnetwork.ts';
import { normaliseCluster } from '../../container/normalise-cluster.ts';
import type { GcpContext } from '../../context.ts';
import { normaliseCloudFunction } from '../../functions/normalise-cloud-function.ts';
import { normaliseFunction } from '../../functions/normalise-function.ts';
import { publicMembers } from '../../iam-policy.ts';
import { normaliseServiceAccount } from '../../iam/normalise-service-account.ts';
import { isoTime } from '../../names.ts';
import { normaliseCryptoKey } from '../../kms/normalise-crypto-key.ts';
import { normaliseSqlInstance } from '../../sql/normalise-sql-instance.ts';
import { normaliseBucket } from '../../storage/normalise-bucket.ts';
import { isNotFound } from '../core/call.ts';
import {
  bucketRef,
  clusterRef,
  computeRef,
  cryptoKeyRef,
  functionRef,
  serviceAccountRef,
  sqlRef,
  zonalRef,
} from '../core/target.ts';
import * as compute from './compute-readers.ts';
import * as services from './service-readers.ts';

type Reader = (ctx: GcpContext, resource: Resource) => Promise<Resource>;

/**
 * How each type is re-read: the one `get` (plus the IAM policy where discovery reads one) and
 * the same normaliser discovery uses, so a refreshed resource equals what a sync would store.
 */
const READERS: Readonly<Record<ResourceType, Reader | undefined>> = {
  'compute.instance': async (ctx, r) =>
    normaliseInstance(await compute.getInstance(ctx, zonalRef(r, 'instances')), ctx.project),
  'compute.volume': async (ctx, r) =>
    normaliseDisk(await compute.getDisk(ctx, zonalRef(r, 'disks')), ctx.project),
  'compute.snapshot': async (ctx, r) => {
    const ref = computeRef(r, 'snapshots');
    const [record, policy] = await Promise.all([
      compute.getSnapshot(ctx, ref),
      compute.getSnapshotPolicy(ctx, ref),
    ]);
    return normaliseSnapshot(record, ctx.project, publicMembers(policy.bindings));
  },
  'network.firewall': async (ctx, r) =>
    normaliseFirewall(await compute.getFirewall(ctx, computeRef(r, 'firewalls')), ctx.project),
  'network.ip': async (ctx, r) =>
    normaliseAddress(await compute.getAddress(ctx, computeRef(r, 'addresses')), ctx.project),
  'network.vpc': async (ctx, r) =>
    normaliseNetwork(await compute.getNetwork(ctx, computeRef(r, 'networks')), ctx.project),
  'network.subnet': async (ctx, r) =>
    normaliseSubnetwork(await compute.getSubnetwork(ctx, computeRef(r, 'subnetworks')), ctx.project),
  'network.loadbalancer': async (ctx, r) =>
    normaliseForwardingRule(
      await compute.getForwardingRule(ctx, computeRef(r, 'forwardingRules')),
      ctx.project,
    ),
  'storage.bucket': async (ctx, r) => {
    const { bucket } = bucketRef(r);
    const [metadata, policy] = await Promise.all([
      services.getBucket(ctx, bucket),
      services.getBucketPolicy(ctx, bucket),
    ]);
    return normaliseBucket(metadata, ctx.project, publicMembers(policy.bindings));
  },
  'database.instance': async (ctx, r) => {
    const { project, instance } = sqlRef(r);
    return normaliseSqlInstance(await services.getSqlInstance(ctx, project, instance), ctx.project);
  },
  'container.cluster': async (ctx, r) =>
    normaliseCluster(await services.getCluster(ctx, clusterRef(r).name), ctx.project),
  'serverless.function': async (ctx, r) => {
    const { name } = functionRef(r);
    const v2 = await services.getFunctionV2(ctx, name);
    // Discovery describes 1st gen functions from the v1 API, with v2's creation time.
    if (v2.environment !== 'GEN_1') return normaliseFunction(v2, ctx.project);
    return normaliseCloudFunction(
      await services.getFunctionV1(ctx, name),
      ctx.project,
      isoTime(v2.createTime),
    );
  },
  'security.key': async (ctx, r) =>
    normaliseCryptoKey(await services.getCryptoKey(ctx, cryptoKeyRef(r).name), ctx.project),
  'iam.role': async (ctx, r) =>
    normaliseServiceAccount(await services.getServiceAccount(ctx, serviceAccountRef(r).name), ctx.project),
  'iam.user': undefined,
};

/**
 * Re-reads one resource by its native id and normalises it as discovery does; `undefined` when
 * Google answers 404 (it is gone). Types GCP has no API for (`iam.user`) read as gone.
 */
export async function refreshResource(ctx: GcpContext, resource: Resource): Promise<Resource | undefined> {
  const reader = READERS[resource.type];
  if (!reader) return undefined;
  try {
    return await reader(ctx, resource);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
