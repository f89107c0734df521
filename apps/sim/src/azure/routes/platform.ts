import type { SimResponse } from '../../core/http.ts';
import { begin, settle } from '../../core/transition.ts';
import { AzureError } from '../arm/errors.ts';
import { accepted, beginOperation } from '../arm/lro.ts';
import { listPage, ok, requireResource, type ArmRequest } from '../arm/request.ts';
import type { ArmRoute } from '../arm/router.ts';
import { T } from '../records.ts';
import { renderCluster, renderSite, renderSiteConfig } from '../render/platform.ts';
import { clusterUpdateRoutes } from './cluster-update.ts';
import { resourceRoutes, RG } from './kit.ts';

const CLUSTER = `${RG}/providers/${T.aks}/{name}`;
const SITE = `${RG}/providers/${T.site}/{name}`;

/** AKS start / stop: 202 with the operation headers; refuses when already in the asked state. */
function clusterAction(name: 'start' | 'stop'): (rc: ArmRequest) => SimResponse {
  return (rc) => {
    const cluster = requireResource(rc, T.aks);
    const power = settle(cluster.power, rc.ctx.clock).state;
    const duration = rc.ctx.timing.transitionMs;
    if (power === 'Starting' || power === 'Stopping') {
      throw new AzureError(
        409,
        'OperationNotAllowed',
        `Operation is not allowed because there's an in progress ${power === 'Starting' ? 'start' : 'stop'} managed cluster operation on managed cluster started at ${new Date(rc.now).toISOString()}.`,
      );
    }
    const want = name === 'start' ? 'Running' : 'Stopped';
    if (power === want) {
      throw new AzureError(
        409,
        'OperationNotAllowed',
        `managed cluster is in Provisioning State(Succeeded) and Power State(${power}), ${name === 'start' ? 'starting' : 'stopping'} cannot be performed`,
      );
    }
    begin(cluster.power, name === 'start' ? 'Starting' : 'Stopping', want, duration, rc.ctx.clock);
    return accepted(
      rc,
      beginOperation(rc, {
        namespace: 'Microsoft.ContainerService',
        name,
        resourceId: cluster.id,
        location: cluster.location,
        durationMs: duration,
      }),
    );
  };
}

export const platformRoutes: ArmRoute[] = [
  ...resourceRoutes({
    service: 'containerservice',
    type: T.aks,
    group: 'managedClusters',
    render: (rc, c) => renderCluster(c, rc.ctx.clock),
  }),
  ...clusterUpdateRoutes,
  {
    method: 'POST',
    path: `${CLUSTER}/start`,
    service: 'containerservice',
    operation: 'managedClusters.start',
    handle: clusterAction('start'),
  },
  {
    method: 'POST',
    path: `${CLUSTER}/stop`,
    service: 'containerservice',
    operation: 'managedClusters.stop',
    handle: clusterAction('stop'),
  },
  {
    method: 'GET',
    path: `${CLUSTER}/agentPools`,
    service: 'containerservice',
    operation: 'agentPools.list',
    handle: (rc) => {
      const c = renderCluster(requireResource(rc, T.aks), rc.ctx.clock) as {
        id: string;
        properties: { agentPoolProfiles: { name: string }[] };
      };
      return listPage(rc, c.properties.agentPoolProfiles, (p) => ({
        id: `${c.id}/agentPools/${p.name}`,
        name: p.name,
        type: 'Microsoft.ContainerService/managedClusters/agentPools',
        properties: p,
      }));
    },
  },
  ...resourceRoutes({ service: 'web', type: T.site, group: 'webApps', render: (_rc, s) => renderSite(s) }),
  {
    method: 'GET',
    path: `${SITE}/config/web`,
    service: 'web',
    operation: 'webApps.getConfiguration',
    handle: (rc) => ok(renderSiteConfig(requireResource(rc, T.site))),
  },
];
