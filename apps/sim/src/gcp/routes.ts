import { bigqueryRoutes } from './bigquery/routes.ts';
import { computeRoutes } from './compute/index.ts';
import { clusterWriteRoutes } from './container/cluster-writes.ts';
import { containerRoutes } from './container/routes.ts';
import { functionWriteRoutes } from './functions/function-writes.ts';
import { functionsRoutes } from './functions/routes.ts';
import { iamRoutes } from './iam/routes.ts';
import { cryptoKeyWriteRoutes } from './kms/crypto-key-writes.ts';
import { kmsRoutes } from './kms/routes.ts';
import { monitoringRoutes } from './monitoring/time-series.ts';
import { resourceManagerRoutes } from './resource-manager/routes.ts';
import type { GcpRoute } from './route.ts';
import { sqlBackupRunRoutes } from './sql/backup-runs.ts';
import { sqlRoutes } from './sql/routes.ts';
import { bucketRoutes } from './storage/buckets.ts';
import { objectRoutes } from './storage/objects.ts';

/** Every route of every Google API the simulator serves, in match order. */
export function gcpRoutes(): GcpRoute[] {
  return [
    ...computeRoutes,
    ...bucketRoutes,
    ...objectRoutes,
    ...sqlRoutes,
    ...sqlBackupRunRoutes,
    ...containerRoutes,
    ...clusterWriteRoutes,
    ...functionsRoutes,
    ...functionWriteRoutes,
    ...kmsRoutes,
    ...cryptoKeyWriteRoutes,
    ...iamRoutes,
    ...monitoringRoutes,
    ...bigqueryRoutes,
    ...resourceManagerRoutes,
  ];
}
