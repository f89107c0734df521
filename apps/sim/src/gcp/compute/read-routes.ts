import { ALL_REGIONS, ALL_ZONES } from '../catalog.ts';
import type { GcpEstate } from '../estate.ts';
import { ok, type GcpCall, type GcpRoute } from '../route.ts';
import type { Scoped, ScopedStore } from '../store.ts';
import { aggregatedResponse, listResponse } from './list.ts';
import { findScoped, liveInstances, requireProject, requireRegion, requireZone } from './lookup.ts';
import { ComputeRenderer } from './render.ts';

type Json = Record<string, unknown>;

export interface ReadSpec<T extends Scoped & { id: string }> {
  /** URL collection name: `disks`, `addresses`, `forwardingRules`, … */
  collection: string;
  /** Kind stem: `disk` gives `compute#diskList` and `compute#diskAggregatedList`. */
  kind: string;
  store(estate: GcpEstate): ScopedStore<T>;
  render(r: ComputeRenderer, record: T, call: GcpCall): Json;
  /** Instance deletions change disks and addresses: settle instances before reading these. */
  settlesInstances?: boolean;
}

function records<T extends Scoped & { id: string }>(
  spec: ReadSpec<T>,
  call: GcpCall,
  project: string,
  scope?: string,
): T[] {
  if (spec.settlesInstances) liveInstances(call, project);
  return spec.store(call.estate).list(project, scope);
}

function pathOf(call: GcpCall, scopePath: string, collection: string, name?: string): string {
  return `projects/${call.params['project']}/${scopePath}/${collection}${name === undefined ? '' : `/${name}`}`;
}

/** aggregatedList, list and get of a zonal resource (disks). */
export function zonalReadRoutes<T extends Scoped & { id: string }>(spec: ReadSpec<T>): GcpRoute[] {
  const op = spec.collection;
  return [
    {
      method: 'GET',
      path: `/compute/v1/projects/{project}/aggregated/${spec.collection}`,
      service: 'compute',
      operation: `${op}.aggregatedList`,
      handle(call) {
        const project = requireProject(call).projectId;
        const r = new ComputeRenderer(call.base);
        const items = records(spec, call, project).map((d) => ({
          scope: `zones/${d.scope}`,
          name: d.name,
          render: () => spec.render(r, d, call),
        }));
        const path = `projects/${project}/aggregated/${spec.collection}`;
        return aggregatedResponse(
          call,
          `compute#${spec.kind}AggregatedList`,
          spec.collection,
          path,
          r.link(path),
          ALL_ZONES.map((z) => `zones/${z}`),
          items,
        );
      },
    },
    {
      method: 'GET',
      path: `/compute/v1/projects/{project}/zones/{zone}/${spec.collection}`,
      service: 'compute',
      operation: `${op}.list`,
      handle(call) {
        const project = requireProject(call).projectId;
        const zone = requireZone(call);
        const r = new ComputeRenderer(call.base);
        const path = `projects/${project}/zones/${zone}/${spec.collection}`;
        return listResponse(
          call,
          `compute#${spec.kind}List`,
          path,
          r.link(path),
          records(spec, call, project, zone).map((d) => ({
            scope: d.scope,
            name: d.name,
            render: () => spec.render(r, d, call),
          })),
        );
      },
    },
    {
      method: 'GET',
      path: `/compute/v1/projects/{project}/zones/{zone}/${spec.collection}/{name}`,
      service: 'compute',
      operation: `${op}.get`,
      handle(call) {
        const project = requireProject(call).projectId;
        const zone = requireZone(call);
        if (spec.settlesInstances) liveInstances(call, project);
        const found = findScoped(
          spec.store(call.estate),
          project,
          zone,
          call.params['name']!,
          pathOf(call, `zones/${zone}`, spec.collection, call.params['name']),
        );
        return ok(spec.render(new ComputeRenderer(call.base), found, call));
      },
    },
  ];
}

/** aggregatedList, regional list/get and (with `global`) global list/get of a regional resource. */
export function regionalReadRoutes<T extends Scoped & { id: string }>(
  spec: ReadSpec<T>,
  global: boolean,
): GcpRoute[] {
  const op = spec.collection;
  const scopes = [...ALL_REGIONS.map((r) => `regions/${r}`), ...(global ? ['global'] : [])];
  const routes: GcpRoute[] = [
    {
      method: 'GET',
      path: `/compute/v1/projects/{project}/aggregated/${spec.collection}`,
      service: 'compute',
      operation: `${op}.aggregatedList`,
      handle(call) {
        const project = requireProject(call).projectId;
        const r = new ComputeRenderer(call.base);
        const items = records(spec, call, project).map((d) => ({
          scope: d.scope === 'global' ? 'global' : `regions/${d.scope}`,
          name: d.name,
          render: () => spec.render(r, d, call),
        }));
        const path = `projects/${project}/aggregated/${spec.collection}`;
        return aggregatedResponse(
          call,
          `compute#${spec.kind}AggregatedList`,
          spec.collection,
          path,
          r.link(path),
          scopes,
          items,
        );
      },
    },
    {
      method: 'GET',
      path: `/compute/v1/projects/{project}/regions/{region}/${spec.collection}`,
      service: 'compute',
      operation: `${op}.list`,
      handle(call) {
        const project = requireProject(call).projectId;
        const region = requireRegion(call);
        const r = new ComputeRenderer(call.base);
        const path = `projects/${project}/regions/${region}/${spec.collection}`;
        return listResponse(
          call,
          `compute#${spec.kind}List`,
          path,
          r.link(path),
          records(spec, call, project, region).map((d) => ({
            scope: d.scope,
            name: d.name,
            render: () => spec.render(r, d, call),
          })),
        );
      },
    },
    {
      method: 'GET',
      path: `/compute/v1/projects/{project}/regions/{region}/${spec.collection}/{name}`,
      service: 'compute',
      operation: `${op}.get`,
      handle(call) {
        const project = requireProject(call).projectId;
        const region = requireRegion(call);
        if (spec.settlesInstances) liveInstances(call, project);
        const found = findScoped(
          spec.store(call.estate),
          project,
          region,
          call.params['name']!,
          pathOf(call, `regions/${region}`, spec.collection, call.params['name']),
        );
        return ok(spec.render(new ComputeRenderer(call.base), found, call));
      },
    },
  ];
  return global
    ? [
        ...routes,
        ...globalReadRoutes(
          spec,
          `global${spec.collection.charAt(0).toUpperCase()}${spec.collection.slice(1)}`,
        ),
      ]
    : routes;
}

/** list and get of a global resource (firewalls, networks, snapshots, global addresses). */
export function globalReadRoutes<T extends Scoped & { id: string }>(
  spec: ReadSpec<T>,
  operationPrefix = spec.collection,
): GcpRoute[] {
  return [
    {
      method: 'GET',
      path: `/compute/v1/projects/{project}/global/${spec.collection}`,
      service: 'compute',
      operation: `${operationPrefix}.list`,
      handle(call) {
        const project = requireProject(call).projectId;
        const r = new ComputeRenderer(call.base);
        const path = `projects/${project}/global/${spec.collection}`;
        return listResponse(
          call,
          `compute#${spec.kind}List`,
          path,
          r.link(path),
          records(spec, call, project, 'global').map((d) => ({
            scope: d.scope,
            name: d.name,
            render: () => spec.render(r, d, call),
          })),
        );
      },
    },
    {
      method: 'GET',
      path: `/compute/v1/projects/{project}/global/${spec.collection}/{name}`,
      service: 'compute',
      operation: `${operationPrefix}.get`,
      handle(call) {
        const project = requireProject(call).projectId;
        if (spec.settlesInstances) liveInstances(call, project);
        const found = findScoped(
          spec.store(call.estate),
          project,
          'global',
          call.params['name']!,
          pathOf(call, 'global', spec.collection, call.params['name']),
        );
        return ok(spec.render(new ComputeRenderer(call.base), found, call));
      },
    },
  ];
}
