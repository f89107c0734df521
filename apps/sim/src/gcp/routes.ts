import { bigqueryRoutes } from './bigquery/routes.ts';
import { computeRoutes } from './compute/index.ts';
import { containerRoutes } from './container/routes.ts';
import { functionsRoutes } from './functions/routes.ts';
import { iamRoutes } from './iam/routes.ts';
import { kmsRoutes } from './kms/routes.ts';
import { monitoringRoutes } from './monitoring/time-series.ts';
import { resourceManagerRoutes } from './resource-manager/routes.ts';
import type { GcpRoute } from './route.ts';
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
    ...containerRoutes,
    ...functionsRoutes,
    ...kmsRoutes,
    ...iamRoutes,
    ...monitoringRoutes,
    ...bigqueryRoutes,
    ...resourceManagerRoutes,
  ];
}
