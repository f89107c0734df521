import type { Resource } from '@escher/protocol';
import type { GcpContext } from '../../context.ts';
import { labelsOf } from '../../names.ts';
import { computeChange } from '../core/compute-operation.ts';
import { computeRef, type ComputeRef } from '../core/target.ts';
import {
  getAddress,
  getDisk,
  getForwardingRule,
  getInstance,
  getSnapshot,
} from '../refresh/compute-readers.ts';
import type { LabelWriter } from './label-writer.ts';

/** A `setLabels` request body: the whole new map and the fingerprint of the one it replaces. */
type Body = { labels: Record<string, string>; labelFingerprint: string | null };
type Started = Promise<readonly [unknown, ...unknown[]]>;

/** How one Compute Engine collection reads a record and calls its `setLabels`. */
interface ComputeLabelApi {
  get(
    ctx: GcpContext,
    ref: ComputeRef,
  ): Promise<{ labels?: Record<string, string> | null; labelFingerprint?: string | null }>;
  method(ref: ComputeRef): string;
  set(ctx: GcpContext, ref: ComputeRef, body: Body): Started;
}

const APIS: Record<'instances' | 'disks' | 'snapshots' | 'addresses' | 'forwardingRules', ComputeLabelApi> = {
  instances: {
    get: getInstance,
    method: () => 'instances.setLabels',
    set: async (ctx, ref, body) =>
      (await ctx.clients.instances()).setLabels({
        project: ref.project,
        zone: ref.location,
        instance: ref.name,
        instancesSetLabelsRequestResource: body,
      }),
  },
  disks: {
    get: getDisk,
    method: () => 'disks.setLabels',
    set: async (ctx, ref, body) =>
      (await ctx.clients.disks()).setLabels({
        project: ref.project,
        zone: ref.location,
        resource: ref.name,
        zoneSetLabelsRequestResource: body,
      }),
  },
  snapshots: {
    get: getSnapshot,
    method: () => 'snapshots.setLabels',
    set: async (ctx, ref, body) =>
      (await ctx.clients.snapshots()).setLabels({
        project: ref.project,
        resource: ref.name,
        globalSetLabelsRequestResource: body,
      }),
  },
  addresses: {
    get: getAddress,
    method: (ref) => (ref.scope === 'global' ? 'globalAddresses.setLabels' : 'addresses.setLabels'),
    set: async (ctx, ref, body) =>
      ref.scope === 'global'
        ? (await ctx.clients.globalAddresses()).setLabels({
            project: ref.project,
            resource: ref.name,
            globalSetLabelsRequestResource: body,
          })
        : (await ctx.clients.addresses()).setLabels({
            project: ref.project,
            region: ref.location,
            resource: ref.name,
            regionSetLabelsRequestResource: body,
          }),
  },
  // A load balancer's frontend (what Escher calls network.loadbalancer on GCP).
  forwardingRules: {
    get: getForwardingRule,
    method: (ref) =>
      ref.scope === 'global' ? 'globalForwardingRules.setLabels' : 'forwardingRules.setLabels',
    set: async (ctx, ref, body) =>
      ref.scope === 'global'
        ? (await ctx.clients.globalForwardingRules()).setLabels({
            project: ref.project,
            resource: ref.name,
            globalSetLabelsRequestResource: body,
          })
        : (await ctx.clients.forwardingRules()).setLabels({
            project: ref.project,
            region: ref.location,
            resource: ref.name,
            regionSetLabelsRequestResource: body,
          }),
  },
};

/**
 * Labels of a Compute Engine resource: `setLabels` with the whole new map and the fingerprint
 * read with the labels (a stale one is 412, and the caller retries on a fresh read), waited on
 * until the operation is done.
 */
export function computeLabels(collection: keyof typeof APIS): LabelWriter {
  const api = APIS[collection];
  const refOf = (target: Resource) => computeRef(target, collection);
  return {
    async read(ctx, target) {
      const record = await api.get(ctx, refOf(target));
      return { labels: labelsOf(record.labels), fingerprint: record.labelFingerprint ?? undefined };
    },
    async write(ctx, target, change, current) {
      const ref = refOf(target);
      const body = { labels: change.next, labelFingerprint: current.fingerprint ?? null };
      await computeChange(
        ctx,
        { service: 'compute', operation: api.method(ref) },
        `labels of ${ref.name}`,
        () => api.set(ctx, ref, body),
      );
    },
  };
}
