import type { ArmRoute } from '../arm/router.ts';
import { queryResources } from '../resource-graph/handler.ts';
import { costRoutes } from './cost.ts';
import { databaseRoutes } from './databases.ts';
import { diskRoutes } from './disks.ts';
import { monitorRoutes } from './monitor.ts';
import { networkRoutes } from './network.ts';
import { platformRoutes } from './platform.ts';
import { resourceRoutes } from './resources.ts';
import { securityRoutes } from './security.ts';
import { storageRoutes } from './storage.ts';
import { vmRoutes } from './virtual-machines.ts';

/** Every ARM operation the simulator serves. */
export const ARM_ROUTES: readonly ArmRoute[] = [
  ...resourceRoutes,
  ...vmRoutes,
  ...diskRoutes,
  ...networkRoutes,
  ...storageRoutes,
  ...databaseRoutes,
  ...platformRoutes,
  ...securityRoutes,
  ...monitorRoutes,
  ...costRoutes,
  {
    method: 'POST',
    path: '/providers/Microsoft.ResourceGraph/resources',
    service: 'resourcegraph',
    operation: 'resources',
    read: true,
    handle: queryResources,
  },
];

/** Provider namespaces the route table knows, lower-cased (for ARM's InvalidResourceType). */
export const KNOWN_NAMESPACES = new Set(
  ARM_ROUTES.flatMap((r) => {
    const m = /\/providers\/([^/{]+)/i.exec(r.path);
    return m ? [m[1]!.toLowerCase()] : [];
  }),
);
