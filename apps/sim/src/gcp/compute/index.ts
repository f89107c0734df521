import type { GcpRoute } from '../route.ts';
import { instanceActionRoutes } from './instance-actions.ts';
import { instanceUpdateRoutes } from './instance-updates.ts';
import { instanceReadRoutes } from './instances.ts';
import { locationRoutes } from './location-routes.ts';
import { operationsRoutes } from './operations.ts';
import { resourceReadRoutes } from './resource-routes.ts';

/** Every Compute Engine v1 route served. */
export const computeRoutes: GcpRoute[] = [
  ...instanceReadRoutes,
  ...instanceActionRoutes,
  ...instanceUpdateRoutes,
  ...operationsRoutes,
  ...resourceReadRoutes,
  ...locationRoutes,
];
