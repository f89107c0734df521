import type { ResourceState } from '@escher/protocol';

/*
 * Native states mapped onto Escher's normalised vocabulary. The convention, shared with the other
 * providers: things that serve or compute (instances, databases, clusters, load balancers) are
 * `running` / `stopped`; things that exist to be used (volumes, addresses, snapshots, keys,
 * functions, networks) are `available`, or `in-use` when attached. The native value is always kept
 * in `attributes.nativeState`.
 */

const INSTANCE: Record<string, ResourceState> = {
  pending: 'pending',
  running: 'running',
  'shutting-down': 'deleting',
  terminated: 'terminated',
  stopping: 'stopping',
  stopped: 'stopped',
};

const VOLUME: Record<string, ResourceState> = {
  creating: 'pending',
  available: 'available',
  'in-use': 'in-use',
  deleting: 'deleting',
  deleted: 'terminated',
  error: 'failed',
};

const SNAPSHOT: Record<string, ResourceState> = {
  pending: 'pending',
  completed: 'available',
  error: 'failed',
  recoverable: 'available',
  recovering: 'pending',
};

const NETWORK: Record<string, ResourceState> = { pending: 'pending', available: 'available' };

const LOAD_BALANCER: Record<string, ResourceState> = {
  active: 'running',
  active_impaired: 'running',
  provisioning: 'pending',
  failed: 'failed',
};

const DB_RUNNING = [
  'available',
  'backing-up',
  'modifying',
  'maintenance',
  'upgrading',
  'renaming',
  'storage-optimization',
  'storage-full',
  'storage-config-upgrade',
  'resetting-master-credentials',
  'configuring-enhanced-monitoring',
  'configuring-iam-database-auth',
  'configuring-log-exports',
  'converting-to-vpc',
  'moving-to-vpc',
  'upgrading-database-activity-stream',
];
const DATABASE: Record<string, ResourceState> = {
  ...Object.fromEntries(DB_RUNNING.map((s) => [s, 'running' as const])),
  creating: 'pending',
  'delete-precheck': 'deleting',
  deleting: 'deleting',
  failed: 'failed',
  'inaccessible-encryption-credentials': 'failed',
  'inaccessible-encryption-credentials-recoverable': 'failed',
  'incompatible-network': 'failed',
  'incompatible-option-group': 'failed',
  'incompatible-parameters': 'failed',
  'incompatible-restore': 'failed',
  'insufficient-capacity': 'failed',
  rebooting: 'starting',
  starting: 'starting',
  stopped: 'stopped',
  stopping: 'stopping',
  'restore-error': 'failed',
};

const CLUSTER: Record<string, ResourceState> = {
  CREATING: 'pending',
  PENDING: 'pending',
  ACTIVE: 'running',
  UPDATING: 'running',
  DELETING: 'deleting',
  FAILED: 'failed',
};

const FUNCTION: Record<string, ResourceState> = {
  Pending: 'pending',
  Active: 'available',
  Inactive: 'stopped',
  Failed: 'failed',
  Deactivating: 'stopping',
  Deactivated: 'stopped',
  ActiveNonInvocable: 'failed',
  Deleting: 'deleting',
};

const KEY: Record<string, ResourceState> = {
  Creating: 'pending',
  Enabled: 'available',
  Disabled: 'stopped',
  PendingDeletion: 'deleting',
  PendingImport: 'pending',
  PendingReplicaDeletion: 'deleting',
  Unavailable: 'failed',
  Updating: 'available',
};

const TABLES = {
  instance: INSTANCE,
  volume: VOLUME,
  snapshot: SNAPSHOT,
  network: NETWORK,
  loadBalancer: LOAD_BALANCER,
  database: DATABASE,
  cluster: CLUSTER,
  function: FUNCTION,
  key: KEY,
} as const;

/** The normalised state of a native state; `unknown` for a value AWS adds later. */
export function normaliseState(
  kind: keyof typeof TABLES,
  native: string | undefined,
): ResourceState | undefined {
  if (native === undefined) return undefined;
  return TABLES[kind][native] ?? 'unknown';
}
