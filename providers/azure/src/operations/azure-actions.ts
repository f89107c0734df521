import type { CallGate, ProviderActions, ProviderOperation, ProviderSettings } from '@escher/provider-api';
import { OPERATION_PARAMS, UserError, type Resource } from '@escher/protocol';
import { AzureClients } from '../clients.ts';
import { buildCredential, type AzureCredentials } from '../credentials.ts';
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
import { containerClusterStart } from './container-cluster-start.ts';
import { containerClusterStop } from './container-cluster-stop.ts';
import { databaseInstanceResize } from './database-instance-resize.ts';
import { databaseInstanceRestart } from './database-instance-restart.ts';
import { databaseInstanceRestrict } from './database-instance-restrict.ts';
import { databaseInstanceStart } from './database-instance-start.ts';
import { databaseInstanceStop } from './database-instance-stop.ts';
import { networkFirewallRestrict } from './network-firewall-restrict.ts';
import { networkIpDelete } from './network-ip-delete.ts';
import type { OperationFactory } from './operation-kit.ts';
import { refreshResource } from './refresh-resource.ts';
import { resourceTag } from './resource-tag.ts';
import { resourceUntag } from './resource-untag.ts';
import { storageBucketBackup } from './storage-bucket-backup.ts';
import { storageBucketEncrypt } from './storage-bucket-encrypt.ts';
import { storageBucketRestrict } from './storage-bucket-restrict.ts';

/**
 * Every catalogue operation Azure implements, one file each (the route table: the engine finds an
 * operation by its id). Left out, with the reason in docs/operations-azure.md:
 * compute.volume.encrypt, database.instance.snapshot/backup, container.cluster.scale,
 * security.key.encrypt.
 */
export const AZURE_OPERATIONS: readonly OperationFactory[] = [
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
  databaseInstanceRestrict,
  databaseInstanceResize,
  containerClusterStart,
  containerClusterStop,
  containerClusterRestrict,
  networkFirewallRestrict,
  networkIpDelete,
  resourceTag,
  resourceUntag,
];

/**
 * Azure's mutation half: the catalogue operations on the official ARM SDK clients, and `refresh`,
 * which re-reads one resource from ARM and normalises it as discovery does.
 */
export class AzureActions implements ProviderActions {
  readonly operations: readonly ProviderOperation[];
  readonly #clients: AzureClients;

  constructor(clients: AzureClients) {
    this.#clients = clients;
    this.operations = AZURE_OPERATIONS.map((make) => portable(make({ clients })));
  }

  refresh(
    resource: Resource,
    options: { gate?: CallGate; signal?: AbortSignal } = {},
  ): Promise<Resource | undefined> {
    return refreshResource(this.#clients, resource, options);
  }
}

/**
 * The Azure provider's operations, from the same credentials and settings as `azureProvider.create`
 * (the simulator: `endpoint` + `caCert`).
 *
 * @example
 * const actions = createAzureActions(credentials, { endpoint, caCert });
 * const stop = actions.operations.find((op) => op.id === 'compute.instance.stop')!;
 * const outcome = await stop.run({ target: vm, params: {} });
 * // outcome.undo → { operation: 'compute.instance.start', params: {} }
 */
export function createAzureActions(
  credentials: AzureCredentials,
  settings: ProviderSettings = {},
): ProviderActions {
  return new AzureActions(new AzureClients(buildCredential(credentials, settings), settings));
}

/**
 * An operation as the engine sees it: its params schema is the catalogue's own (one contract per
 * operation on every cloud), checked before the operation's Azure-specific parsing runs.
 */
function portable(op: ProviderOperation): ProviderOperation {
  const schema = OPERATION_PARAMS[op.id];
  return {
    id: op.id,
    params: schema,
    run: (request) => {
      const parsed = schema.safeParse(request.params);
      if (!parsed.success) {
        const issues = parsed.error.issues
          .map((i) => `${i.path.join('.') || 'params'}: ${i.message}`)
          .join('; ');
        throw new UserError('azure-invalid-params', `${op.id}: ${issues}`, {
          hint: "Fix the step's params (docs/operations.md lists each operation's params)",
        });
      }
      return op.run({ ...request, params: parsed.data });
    },
  };
}
