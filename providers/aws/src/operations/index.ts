import { OPERATION_PARAMS, UserError, type Resource } from '@escher/protocol';
import type {
  DiscoverOptions,
  OperationRequest,
  ProviderActions,
  ProviderOperation,
} from '@escher/provider-api';
import type { AwsCredentials } from '../credentials.ts';
import { AwsProvider } from '../provider.ts';
import { REFRESHERS } from '../refresh/refresh.ts';
import type { AwsProviderSettings } from '../settings.ts';
import type { AwsOperation } from './aws-operation.ts';
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
import { databaseInstanceBackup } from './database-instance-backup.ts';
import { databaseInstanceResize } from './database-instance-resize.ts';
import { databaseInstanceRestart } from './database-instance-restart.ts';
import { databaseInstanceRestrict } from './database-instance-restrict.ts';
import { databaseInstanceSnapshot } from './database-instance-snapshot.ts';
import { databaseInstanceStart } from './database-instance-start.ts';
import { databaseInstanceStop } from './database-instance-stop.ts';
import { networkFirewallRestrict } from './network-firewall-restrict.ts';
import { networkIpDelete } from './network-ip-delete.ts';
import { resourceTag } from './resource-tag.ts';
import { resourceUntag } from './resource-untag.ts';
import { securityKeyEncrypt } from './security-key-encrypt.ts';
import { storageBucketBackup } from './storage-bucket-backup.ts';
import { storageBucketEncrypt } from './storage-bucket-encrypt.ts';
import { storageBucketRestrict } from './storage-bucket-restrict.ts';

/**
 * Every catalogue operation AWS implements, one file each (a route table: the engine looks an
 * operation up by id). Left out, with the reason in docs/operations-aws.md: compute.volume.encrypt
 * (EBS cannot encrypt a volume in place), container.cluster.start/stop (EKS has no such thing) and
 * container.cluster.scale (the simulator models no node groups yet).
 */
// The list mixes operations with different params types; `bind` checks each against its own schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const AWS_OPERATIONS: readonly AwsOperation<any>[] = [
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
  networkFirewallRestrict,
  networkIpDelete,
  containerClusterRestrict,
  securityKeyEncrypt,
  resourceTag,
  resourceUntag,
];

/**
 * The mutation half of the AWS provider: the operations above bound to the same credentials,
 * account resolution and client pool discovery uses, plus `refresh` of one resource. Every SDK
 * call goes through the request's gate.
 */
export class AwsActions implements ProviderActions {
  readonly operations: readonly ProviderOperation[];

  constructor(private readonly provider: AwsProvider) {
    this.operations = AWS_OPERATIONS.map((op) => this.bind(op));
  }

  /** Re-reads one resource by its native id, normalised exactly as a sync would; undefined when gone. */
  async refresh(resource: Resource, options: DiscoverOptions = {}): Promise<Resource | undefined> {
    if (resource.cloud !== 'aws') throw notAws(resource);
    const ctx = await this.provider.context(resource.account, resource.region, options);
    return REFRESHERS[resource.type](ctx, resource);
  }

  /** Closes the SDK clients and sockets. */
  close(): void {
    this.provider.close();
  }

  private bind<P>(op: AwsOperation<P>): ProviderOperation {
    return {
      id: op.id,
      // The catalogue's schema itself: one params contract per operation on every cloud.
      params: OPERATION_PARAMS[op.id],
      run: async (request: OperationRequest) => {
        const { target } = request;
        if (target.cloud !== 'aws') throw notAws(target);
        if (!op.types.includes(target.type)) {
          throw new UserError(
            'aws-operation-target',
            `${op.id} does not apply to ${target.type} (${target.nativeId})`,
            {
              hint: `It applies to ${op.types.join(', ')}`,
            },
          );
        }
        const portable = OPERATION_PARAMS[op.id].safeParse(request.params);
        const parsed = portable.success ? op.params.safeParse(portable.data) : portable;
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`);
          throw new UserError('aws-operation-params', `${op.id}: ${issues.join('; ')}`, {
            hint: "Fix the step parameters (docs/operations-aws.md lists each operation's params)",
          });
        }
        const options = {
          ...(request.gate ? { gate: request.gate } : {}),
          ...(request.signal ? { signal: request.signal } : {}),
        };
        const ctx = await this.provider.context(target.account, target.region, options);
        return op.run({
          target,
          params: parsed.data,
          dryRun: request.dryRun === true,
          ctx,
          refresh: () => REFRESHERS[target.type](ctx, target),
        });
      },
    };
  }
}

export { assumedRoleKeys } from './assume-role.ts';

/**
 * The AWS provider's operations and `refresh`, for structured playbook steps (issue 5).
 *
 * @example
 * const actions = createAwsActions({ kind: 'profile', profile: 'prod' });
 * const stop = actions.operations.find((o) => o.id === 'compute.instance.stop')!;
 * const outcome = await stop.run({ target, params: {}, dryRun: true });
 */
export function createAwsActions(credentials: AwsCredentials, settings?: AwsProviderSettings): AwsActions {
  return new AwsActions(new AwsProvider(credentials, settings));
}

function notAws(resource: Resource): UserError {
  return new UserError(
    'aws-operation-target',
    `${resource.nativeId} is a ${resource.cloud} resource, not AWS`,
    {
      hint: 'Route the step to the provider of its cloud',
    },
  );
}
