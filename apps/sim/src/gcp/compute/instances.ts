import { ALL_ZONES } from '../catalog.ts';
import { ok, type GcpRoute } from '../route.ts';
import { aggregatedResponse, listResponse } from './list.ts';
import { liveInstances, requireInstance, requireProject, requireZone } from './lookup.ts';
import { ComputeRenderer } from './render.ts';

const ZONE_SCOPES = ALL_ZONES.map((z) => `zones/${z}`);

/** instances.aggregatedList, instances.list, instances.get. */
export const instanceReadRoutes: GcpRoute[] = [
  {
    method: 'GET',
    path: '/compute/v1/projects/{project}/aggregated/instances',
    service: 'compute',
    operation: 'instances.aggregatedList',
    handle(call) {
      const project = requireProject(call).projectId;
      const r = new ComputeRenderer(call.base);
      const items = liveInstances(call, project).map((i) => ({
        scope: `zones/${i.scope}`,
        name: i.name,
        render: () => r.instance(i),
      }));
      return aggregatedResponse(
        call,
        'compute#instanceAggregatedList',
        'instances',
        `projects/${project}/aggregated/instances`,
        r.link(`projects/${project}/aggregated/instances`),
        ZONE_SCOPES,
        items,
      );
    },
  },
  {
    method: 'GET',
    path: '/compute/v1/projects/{project}/zones/{zone}/instances',
    service: 'compute',
    operation: 'instances.list',
    handle(call) {
      const project = requireProject(call).projectId;
      const zone = requireZone(call);
      const r = new ComputeRenderer(call.base);
      const path = `projects/${project}/zones/${zone}/instances`;
      return listResponse(
        call,
        'compute#instanceList',
        path,
        r.link(path),
        liveInstances(call, project, zone).map((i) => ({
          scope: zone,
          name: i.name,
          render: () => r.instance(i),
        })),
      );
    },
  },
  {
    method: 'GET',
    path: '/compute/v1/projects/{project}/zones/{zone}/instances/{instance}',
    service: 'compute',
    operation: 'instances.get',
    handle: (call) => ok(new ComputeRenderer(call.base).instance(requireInstance(call))),
  },
];
