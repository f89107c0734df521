import type { GcpRoute } from '../route.ts';
import { addressWriteRoutes } from './address-writes.ts';
import { forwardingRuleWriteRoutes } from './forwarding-rule-writes.ts';
import { diskWriteRoutes } from './disk-writes.ts';
import { firewallWriteRoutes } from './firewall-writes.ts';
import { instanceActionRoutes } from './instance-actions.ts';
import { instanceUpdateRoutes } from './instance-updates.ts';
import { instanceReadRoutes } from './instances.ts';
import { locationRoutes } from './location-routes.ts';
import { operationsRoutes } from './operations.ts';
import { resourceReadRoutes } from './resource-routes.ts';
import { snapshotWriteRoutes } from './snapshot-writes.ts';

/** Every Compute Engine v1 route served. */
export const computeRoutes: GcpRoute[] = [
  ...instanceReadRoutes,
  ...instanceActionRoutes,
  ...instanceUpdateRoutes,
  ...operationsRoutes,
  ...resourceReadRoutes,
  ...diskWriteRoutes,
  ...snapshotWriteRoutes,
  ...firewallWriteRoutes,
  ...addressWriteRoutes,
  ...forwardingRuleWriteRoutes,
  ...locationRoutes,
];
