import { EscherError, type ResourceType } from '@escher/protocol';
import { readGoogleFailure } from '../../errors.ts';
import { labelsOf } from '../../names.ts';
import { mutate } from '../core/call.ts';
import { containerChange } from '../core/container-operation.ts';
import { sqlChange } from '../core/sql-operation.ts';
import { bucketRef, clusterRef, cryptoKeyRef, sqlRef } from '../core/target.ts';
import { getBucket, getCluster, getCryptoKey, getSqlInstance } from '../refresh/service-readers.ts';
import { computeLabels } from './compute-labels.ts';
import { functionLabelWriter } from './function-labels.ts';
import type { LabelChange } from './label-rules.ts';
import type { LabelWriter } from './label-writer.ts';

/** `{set…, removed: null}`: the merge patch Cloud Storage and Cloud SQL take. */
function mergePatch(change: LabelChange): Record<string, string | null> {
  const patch: Record<string, string | null> = { ...change.set };
  for (const k of change.removed) patch[k] = null;
  return patch;
}

const bucketLabels: LabelWriter = {
  async read(ctx, target) {
    return {
      labels: labelsOf((await getBucket(ctx, bucketRef(target).bucket)).labels as Record<string, unknown>),
    };
  },
  async write(ctx, target, change) {
    const storage = await ctx.clients.storage();
    const { bucket } = bucketRef(target);
    await mutate(ctx, { service: 'storage', operation: 'buckets.patch' }, () =>
      storage.bucket(bucket).setMetadata({ labels: mergePatch(change) }),
    );
  },
};

const sqlLabels: LabelWriter = {
  async read(ctx, target) {
    const ref = sqlRef(target);
    return { labels: labelsOf((await getSqlInstance(ctx, ref.project, ref.instance)).settings?.userLabels) };
  },
  async write(ctx, target, change) {
    const ref = sqlRef(target);
    await sqlChange(
      ctx,
      { service: 'sqladmin', operation: 'instances.patch' },
      `labels of ${ref.instance}`,
      (sql) =>
        sql.instances.patch({
          project: ref.project,
          instance: ref.instance,
          requestBody: { settings: { userLabels: mergePatch(change) as Record<string, string> } },
        }),
    );
  },
};

const clusterLabels: LabelWriter = {
  async read(ctx, target) {
    const cluster = await getCluster(ctx, clusterRef(target).name);
    return { labels: labelsOf(cluster.resourceLabels), fingerprint: cluster.labelFingerprint ?? undefined };
  },
  async write(ctx, target, change, current) {
    const ref = clusterRef(target);
    const client = await ctx.clients.clusters();
    await containerChange(
      ctx,
      ref.location,
      { service: 'container', operation: 'projects.locations.clusters.setResourceLabels' },
      `labels of cluster ${ref.name}`,
      () =>
        client.setLabels({
          name: ref.name,
          resourceLabels: change.next,
          labelFingerprint: current.fingerprint ?? '',
        }),
    );
  },
};

const keyLabels: LabelWriter = {
  async read(ctx, target) {
    return { labels: labelsOf((await getCryptoKey(ctx, cryptoKeyRef(target).name)).labels) };
  },
  async write(ctx, target, change) {
    const client = await ctx.clients.kms();
    await mutate(
      ctx,
      { service: 'cloudkms', operation: 'projects.locations.keyRings.cryptoKeys.patch' },
      () =>
        client.updateCryptoKey({
          cryptoKey: { name: cryptoKeyRef(target).name, labels: change.next },
          updateMask: { paths: ['labels'] },
        }),
    );
  },
};

/**
 * The label writer of each type; undefined where Google has no labels (firewall rules, VPC
 * networks, subnetworks, service accounts) or Escher does not write them yet (forwarding rules).
 */
export const LABEL_WRITERS: Readonly<Partial<Record<ResourceType, LabelWriter>>> = {
  'compute.instance': computeLabels('instances'),
  'compute.volume': computeLabels('disks'),
  'compute.snapshot': computeLabels('snapshots'),
  'network.ip': computeLabels('addresses'),
  'network.loadbalancer': computeLabels('forwardingRules'),
  'storage.bucket': bucketLabels,
  'database.instance': sqlLabels,
  'container.cluster': clusterLabels,
  'security.key': keyLabels,
  'serverless.function': functionLabelWriter,
};

/** The types whose labels Escher can set on GCP. */
export const LABELLED_TYPES = Object.keys(LABEL_WRITERS) as ResourceType[];

/**
 * Whether a write lost a race: Compute Engine's 412 on a stale `labelFingerprint`, GKE's
 * fingerprint mismatch. The caller reads again and retries.
 */
export function isLabelConflict(error: unknown): boolean {
  if (!(error instanceof EscherError)) return false;
  const failure = readGoogleFailure(error.cause);
  return failure.status === 412 || /fingerprint/i.test(failure.message);
}
