import type { SimClock } from '../../core/clock.ts';
import type { EksCluster, EksUpdate } from './state.ts';

/** Applies every update whose time has come; answers the cluster for chaining. */
export function settleCluster(cluster: EksCluster, clock: SimClock): EksCluster {
  for (const update of cluster.updates ?? []) {
    if (update.applied || update.doneAt > clock.now()) continue;
    cluster.endpointPublicAccess = update.config.endpointPublicAccess;
    cluster.endpointPrivateAccess = update.config.endpointPrivateAccess;
    cluster.publicAccessCidrs = [...update.config.publicAccessCidrs];
    update.applied = true;
  }
  return cluster;
}

/** `UPDATING` while an update runs, else `ACTIVE`. */
export function clusterStatus(cluster: EksCluster): 'ACTIVE' | 'UPDATING' {
  return (cluster.updates ?? []).some((u) => !u.applied) ? 'UPDATING' : 'ACTIVE';
}

/** An update as UpdateClusterConfig and DescribeUpdate return it. */
export function updateJson(update: EksUpdate): Record<string, unknown> {
  return {
    id: update.id,
    status: update.applied ? 'Successful' : 'InProgress',
    type: update.type,
    params: [
      { type: 'EndpointPublicAccess', value: String(update.config.endpointPublicAccess) },
      { type: 'EndpointPrivateAccess', value: String(update.config.endpointPrivateAccess) },
      { type: 'PublicAccessCidrs', value: JSON.stringify(update.config.publicAccessCidrs) },
    ],
    createdAt: update.createdAt / 1000,
    errors: [],
  };
}
