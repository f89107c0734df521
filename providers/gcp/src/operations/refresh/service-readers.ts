import type { protos as containerProtos } from '@google-cloud/container';
import type { protos as functionsProtos } from '@google-cloud/functions';
import type { protos as kmsProtos } from '@google-cloud/kms';
import type { BucketMetadata } from '@google-cloud/storage';
import type { iam_v1 } from '@googleapis/iam';
import type { sqladmin_v1 } from '@googleapis/sqladmin';
import type { GcpContext } from '../../context.ts';
import { read } from '../core/call.ts';

export type SqlInstance = sqladmin_v1.Schema$DatabaseInstance;
export type Cluster = containerProtos.google.container.v1.ICluster;
export type CryptoKey = kmsProtos.google.cloud.kms.v1.ICryptoKey;
export type FunctionV2 = functionsProtos.google.cloud.functions.v2.IFunction;
export type FunctionV1 = functionsProtos.google.cloud.functions.v1.ICloudFunction;

/** A bucket's IAM binding as Cloud Storage returns it. */
export interface BucketBinding {
  role: string;
  members: string[];
  condition?: unknown;
}

/** A bucket's metadata (`buckets.get`). */
export async function getBucket(ctx: GcpContext, bucket: string): Promise<BucketMetadata> {
  const storage = await ctx.clients.storage();
  const call = { service: 'storage', operation: 'buckets.get' };
  const [metadata] = await read(ctx, call, () => storage.bucket(bucket).getMetadata());
  return metadata;
}

/** A bucket's IAM policy (`buckets.getIamPolicy`, version 3 so conditional bindings show). */
export async function getBucketPolicy(
  ctx: GcpContext,
  bucket: string,
): Promise<{ bindings: BucketBinding[]; etag?: string | undefined; version?: number | undefined }> {
  const storage = await ctx.clients.storage();
  const call = { service: 'storage', operation: 'buckets.getIamPolicy' };
  const [policy] = await read(ctx, call, () =>
    storage.bucket(bucket).iam.getPolicy({ requestedPolicyVersion: 3 }),
  );
  return {
    bindings: (policy.bindings ?? []) as BucketBinding[],
    etag: policy.etag as string | undefined,
    version: policy.version,
  };
}

export async function getSqlInstance(
  ctx: GcpContext,
  project: string,
  instance: string,
): Promise<SqlInstance> {
  const sql = await ctx.clients.sql();
  const call = { service: 'sqladmin', operation: 'instances.get' };
  return (await read(ctx, call, () => sql.instances.get({ project, instance }))).data;
}

export async function getCluster(ctx: GcpContext, name: string): Promise<Cluster> {
  const client = await ctx.clients.clusters();
  const call = { service: 'container', operation: 'projects.locations.clusters.get' };
  return (await read(ctx, call, () => client.getCluster({ name })))[0];
}

export async function getCryptoKey(ctx: GcpContext, name: string): Promise<CryptoKey> {
  const client = await ctx.clients.kms();
  const call = { service: 'cloudkms', operation: 'projects.locations.keyRings.cryptoKeys.get' };
  return (await read(ctx, call, () => client.getCryptoKey({ name })))[0];
}

/** A function as the v2 API describes it (both generations). */
export async function getFunctionV2(ctx: GcpContext, name: string): Promise<FunctionV2> {
  const client = await ctx.clients.functionsV2();
  const call = { service: 'cloudfunctions', operation: 'projects.locations.functions.get' };
  return (await read(ctx, call, () => client.getFunction({ name })))[0];
}

/** A 1st gen function as the v1 API describes it. */
export async function getFunctionV1(ctx: GcpContext, name: string): Promise<FunctionV1> {
  const client = await ctx.clients.functionsV1();
  const call = { service: 'cloudfunctions', operation: 'projects.locations.functions.get' };
  return (await read(ctx, call, () => client.getFunction({ name })))[0];
}

export async function getServiceAccount(
  ctx: GcpContext,
  name: string,
): Promise<iam_v1.Schema$ServiceAccount> {
  const iam = await ctx.clients.iam();
  const call = { service: 'iam', operation: 'projects.serviceAccounts.get' };
  return (await read(ctx, call, () => iam.projects.serviceAccounts.get({ name }))).data;
}
