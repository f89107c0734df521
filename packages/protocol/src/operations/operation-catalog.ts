import { z } from 'zod';
import type { MutatingAction, ResourceType } from '../resource/vocabulary.ts';

/**
 * Every provider operation a structured playbook step can call, as `{type}.{action}`
 * (`compute.instance.stop`). One id per (type, action) pair, so an intent's action and resource
 * type name the operation directly, and the same id means the same thing on every cloud. A
 * provider implements the subset its cloud supports (its `operations` list says which).
 */
export const OPERATION_CATALOG = {
  'compute.instance.start': { type: 'compute.instance', action: 'start' },
  'compute.instance.stop': { type: 'compute.instance', action: 'stop' },
  'compute.instance.restart': { type: 'compute.instance', action: 'restart' },
  'compute.instance.delete': { type: 'compute.instance', action: 'delete' },
  'compute.instance.resize': { type: 'compute.instance', action: 'resize' },
  'compute.instance.snapshot': { type: 'compute.instance', action: 'snapshot' },
  'compute.volume.snapshot': { type: 'compute.volume', action: 'snapshot' },
  'compute.volume.delete': { type: 'compute.volume', action: 'delete' },
  'compute.volume.encrypt': { type: 'compute.volume', action: 'encrypt' },
  'compute.snapshot.delete': { type: 'compute.snapshot', action: 'delete' },
  'compute.snapshot.restrict': { type: 'compute.snapshot', action: 'restrict' },
  'storage.bucket.restrict': { type: 'storage.bucket', action: 'restrict' },
  'storage.bucket.encrypt': { type: 'storage.bucket', action: 'encrypt' },
  'storage.bucket.backup': { type: 'storage.bucket', action: 'backup' },
  'database.instance.start': { type: 'database.instance', action: 'start' },
  'database.instance.stop': { type: 'database.instance', action: 'stop' },
  'database.instance.restart': { type: 'database.instance', action: 'restart' },
  'database.instance.snapshot': { type: 'database.instance', action: 'snapshot' },
  'database.instance.backup': { type: 'database.instance', action: 'backup' },
  'database.instance.restrict': { type: 'database.instance', action: 'restrict' },
  'database.instance.resize': { type: 'database.instance', action: 'resize' },
  'container.cluster.start': { type: 'container.cluster', action: 'start' },
  'container.cluster.stop': { type: 'container.cluster', action: 'stop' },
  'container.cluster.scale': { type: 'container.cluster', action: 'scale' },
  'container.cluster.restrict': { type: 'container.cluster', action: 'restrict' },
  'network.firewall.restrict': { type: 'network.firewall', action: 'restrict' },
  'network.ip.delete': { type: 'network.ip', action: 'delete' },
  'security.key.encrypt': { type: 'security.key', action: 'encrypt' },
  // Tags apply to every type; the type part is the wildcard `resource`.
  'resource.tag': { type: '*', action: 'tag' },
  'resource.untag': { type: '*', action: 'untag' },
} as const satisfies Record<string, { type: ResourceType | '*'; action: MutatingAction }>;

export type OperationId = keyof typeof OPERATION_CATALOG;
export const OPERATION_IDS = Object.keys(OPERATION_CATALOG) as OperationId[];
export const OperationIdSchema = z.enum(OPERATION_IDS as [OperationId, ...OperationId[]]);

/** The operation for an action on a type, if the catalogue has one. */
export function operationFor(type: ResourceType, action: MutatingAction): OperationId | undefined {
  if (action === 'tag' || action === 'untag') return action === 'tag' ? 'resource.tag' : 'resource.untag';
  const id = `${type}.${action}`;
  return id in OPERATION_CATALOG ? (id as OperationId) : undefined;
}
