import { OPERATION_PARAMS, UserError, type Resource } from '@escher/protocol';
import {
  OPEN_GATE,
  type ProviderActions,
  type ProviderOperation,
  type ProviderSettings,
} from '@escher/provider-api';
import { GcpClients } from '../clients.ts';
import type { GcpContext } from '../context.ts';
import { createAuth, type GcpCredentials } from '../credentials.ts';
import { computeInstanceDelete } from './compute-instance-delete.ts';
import { computeInstanceResize } from './compute-instance-resize.ts';
import { computeInstanceRestart } from './compute-instance-restart.ts';
import { computeInstanceSnapshot } from './compute-instance-snapshot.ts';
import { computeInstanceStart } from './compute-instance-start.ts';
import { computeInstanceStop } from './compute-instance-stop.ts';
import { computeSnapshotDelete } from './compute-snapshot-delete.ts';
import { computeSnapshotRestrict } from './compute-snapshot-restrict.ts';
import { computeVolumeDelete } from './compute-volume-delete.ts';
import { computeVolumeSnapshot } from './compute-volume-snapshot.ts';
import { containerClusterRestrict } from './container-cluster-restrict.ts';
import { containerClusterScale } from './container-cluster-scale.ts';
import type { GcpOperation } from './core/define.ts';
import { requireTarget } from './core/target.ts';
import { databaseInstanceBackup } from './database-instance-backup.ts';
import { databaseInstanceResize } from './database-instance-resize.ts';
import { databaseInstanceRestart } from './database-instance-restart.ts';
import { databaseInstanceRestrict } from './database-instance-restrict.ts';
import { databaseInstanceSnapshot } from './database-instance-snapshot.ts';
import { databaseInstanceStart } from './database-instance-start.ts';
import { databaseInstanceStop } from './database-instance-stop.ts';
import { networkFirewallRestrict } from './network-firewall-restrict.ts';
import { networkIpDelete } from './network-ip-delete.ts';
import { refreshResource } from './refresh/refresh.ts';
import { resourceTag } from './resource-tag.ts';
import { resourceUntag } from './resource-untag.ts';
import { securityKeyEncrypt } from './security-key-encrypt.ts';
import { storageBucketBackup } from './storage-bucket-backup.ts';
import { storageBucketEncrypt } from './storage-bucket-encrypt.ts';
import { storageBucketRestrict } from './storage-bucket-restrict.ts';

/**
 * Every catalogue operation the GCP provider implements: the route table. Left out, because
 * Google Cloud has no such call: `compute.volume.encrypt` (a disk's key is fixed at creation;
 * re-encrypting means snapshot and recreate), `container.cluster.start` / `stop` (GKE has no
 * stop; scaling node pools to 0 is `container.cluster.scale`).
 */
export const GCP_OPERATIONS: readonly GcpOperation[] = [
  computeInstanceStart,
  computeInstanceStop,
  computeInstanceRestart,
  computeInstanceDelete,
  computeInstanceResize,
  computeInstanceSnapshot,
  computeVolumeSnapshot,
  computeVolumeDelete,
  computeSnapshotDelete,
  computeSnapshotRestrict,
  storageBucketRestrict,
  storageBucketEncrypt,
  storageBucketBackup,
  databaseInstanceStart,
  databaseInstanceStop,
  databaseInstanceRestart,
  databaseInstanceSnapshot,
  databaseInstanceBackup,
  databaseInstanceRestrict,
  databaseInstanceResize,
  containerClusterScale,
  containerClusterRestrict,
  networkFirewallRestrict,
  networkIpDelete,
  securityKeyEncrypt,
  resourceTag,
  resourceUntag,
];

/** The project a target lives in: from its native id where the id names it, else its account. */
function projectOf(target: Resource): string {
  const named = /^\/\/[a-z]+\.googleapis\.com\/projects\/([^/]+)\//.exec(target.nativeId)?.[1];
  return named && named !== '_' ? named : target.account;
}

/**
 * The mutation half of the GCP provider: the operations above bound to one set of SDK clients,
 * and `refresh`. Built from the same credentials and settings as `gcpProvider.create`, so it
 * reaches the same endpoint (Google, or the simulator).
 *
 * @example
 * const actions = createGcpActions({ kind: 'adc' });
 * const stop = actions.operations.find((o) => o.id === 'compute.instance.stop')!;
 * await stop.run({ target, params: {}, dryRun: true });
 */
export function createGcpActions(credentials: GcpCredentials, settings?: ProviderSettings): ProviderActions {
  const clients = new GcpClients(createAuth(credentials).auth, settings);
  const context = (
    target: Resource,
    options: { gate?: GcpContext['gate'] | undefined; signal?: AbortSignal | undefined },
  ): GcpContext => ({
    clients,
    gate: options.gate ?? OPEN_GATE,
    project: projectOf(target),
    signal: options.signal,
  });
  const operations: ProviderOperation[] = GCP_OPERATIONS.map((op) => ({
    id: op.id,
    // The catalogue's schema itself (one contract per operation on every cloud), checked first;
    // the operation's own schema (derived from it) then applies Google's rules.
    params: OPERATION_PARAMS[op.id],
    run: async (request) => {
      requireTarget(request.target, op.types, op.id);
      const portable = OPERATION_PARAMS[op.id].safeParse(request.params);
      if (!portable.success)
        throw new UserError(
          'gcp-operation-params-invalid',
          `${op.id}: ${portable.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ')}`,
          { hint: "Fix the step parameters (docs/operations.md lists each operation's params)" },
        );
      return op.run({
        ctx: context(request.target, request),
        target: request.target,
        params: portable.data,
        dryRun: request.dryRun === true,
      });
    },
  }));
  return {
    operations,
    refresh: (resource, options = {}) => {
      requireTarget(resource, [resource.type], 'refresh');
      return refreshResource(context(resource, options), resource);
    },
  };
}
