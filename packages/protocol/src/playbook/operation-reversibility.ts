import type { OperationId } from '../operations/index.ts';

/**
 * Whether an operation can report how to undo itself (its outcome's `undo`), which is what a
 * step's `rollback: auto` runs:
 * - `always`: the previous state is known and restorable (stop → start, resize → old size,
 *   tag → old values, restrict → the removed rules);
 * - `sometimes`: on some clouds or resources only (encrypting a disk in place is one-way on
 *   some clouds), so `auto` may find nothing to run and the playbook should not rely on it;
 * - `never`: nothing to restore (delete) or nothing changed that an undo could restore
 *   (restart, snapshot, backup: they leave the target as it was).
 */
export type Reversibility = 'always' | 'sometimes' | 'never';

export const OPERATION_REVERSIBILITY: Readonly<Record<OperationId, Reversibility>> = {
  'compute.instance.start': 'always',
  'compute.instance.stop': 'always',
  'compute.instance.restart': 'never',
  'compute.instance.delete': 'never',
  'compute.instance.resize': 'always',
  'compute.instance.snapshot': 'never',
  'compute.volume.snapshot': 'never',
  'compute.volume.delete': 'never',
  'compute.volume.encrypt': 'sometimes',
  'compute.snapshot.delete': 'never',
  'compute.snapshot.restrict': 'always',
  'storage.bucket.restrict': 'always',
  'storage.bucket.encrypt': 'sometimes',
  'storage.bucket.backup': 'always',
  'database.instance.start': 'always',
  'database.instance.stop': 'always',
  'database.instance.restart': 'never',
  'database.instance.snapshot': 'never',
  'database.instance.backup': 'always',
  'database.instance.restrict': 'always',
  'database.instance.resize': 'always',
  'container.cluster.start': 'always',
  'container.cluster.stop': 'always',
  'container.cluster.scale': 'always',
  'container.cluster.restrict': 'always',
  'network.firewall.restrict': 'always',
  'network.ip.delete': 'never',
  'security.key.encrypt': 'always',
  'resource.tag': 'always',
  'resource.untag': 'always',
};
