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

/** Where a resource lives: in a zone, in a region, or globally. */
type ScopeKind = 'zones' | 'regions' | 'global';

/** The URL segment naming the scope: `zones/{zone}`, `regions/{region}` or `global`. */
const SCOPE_SEGMENT: Record<ScopeKind, string> = {
  zones: 'zones/{zone}',
  regions: 'regions/{region}',
  global: 'global',
};

/** The scope the call names, validated (404/400 before any store is read). */
function requireScope(call: GcpCall, kind: ScopeKind): string {
  if (kind === 'zones') return requireZone(call);
  if (kind === 'regions') return requireRegion(call);
  return 'global';
}

function scopePath(kind: ScopeKind, scope: string): string {
  return scope === 'global' ? 'global' : `${kind}/${scope}`;
}

/** aggregatedList over every zone or region (and `global`, when listed in `scopes`). */
function aggregatedRoute<T extends Scoped & { id: string }>(
  spec: ReadSpec<T>,
  kind: 'zones' | 'regions',
  scopes: string[],
): GcpRoute {
  return {
    method: 'GET',
    path: `/compute/v1/projects/{project}/aggregated/${spec.collection}`,
    service: 'compute',
    operation: `${spec.collection}.aggregatedList`,
    handle(call) {
      const project = requireProject(call).projectId;
      const r = new ComputeRenderer(call.base);
      const items = records(spec, call, project).map((d) => ({
        scope: scopePath(kind, d.scope),
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
  };
}

/** list and get within one zone, one region or the global scope. */
function listGetRoutes<T extends Scoped & { id: string }>(
  spec: ReadSpec<T>,
  kind: ScopeKind,
  operationPrefix: string,
): GcpRoute[] {
  const collectionPath = `/compute/v1/projects/{project}/${SCOPE_SEGMENT[kind]}/${spec.collection}`;
  return [
    {
      method: 'GET',
      path: collectionPath,
      service: 'compute',
      operation: `${operationPrefix}.list`,
      handle(call) {
        const project = requireProject(call).projectId;
        const scope = requireScope(call, kind);
        const r = new ComputeRenderer(call.base);
        const path = `projects/${project}/${scopePath(kind, scope)}/${spec.collection}`;
        return listResponse(
          call,
          `compute#${spec.kind}List`,
          path,
          r.link(path),
          records(spec, call, project, scope).map((d) => ({
            scope: d.scope,
            name: d.name,
            render: () => spec.render(r, d, call),
          })),
        );
      },
    },
    {
      method: 'GET',
      path: `${collectionPath}/{name}`,
      service: 'compute',
      operation: `${operationPrefix}.get`,
      handle(call) {
        const project = requireProject(call).projectId;
        const scope = requireScope(call, kind);
        if (spec.settlesInstances) liveInstances(call, project);
        const found = findScoped(
          spec.store(call.estate),
          project,
          scope,
          call.params['name']!,
          pathOf(call, scopePath(kind, scope), spec.collection, call.params['name']),
        );
        return ok(spec.render(new ComputeRenderer(call.base), found, call));
      },
    },
  ];
}

/**
 * aggregatedList, list and get of a zonal resource (disks) or a regional one (addresses,
 * forwarding rules, subnetworks); with `withGlobal`, also the global list/get
 * (`globalAddresses.list`) and `global` among the aggregated scopes.
 */
export function scopedReadRoutes<T extends Scoped & { id: string }>(
  spec: ReadSpec<T>,
  kind: 'zones' | 'regions',
  withGlobal = false,
): GcpRoute[] {
  const locations = kind === 'zones' ? ALL_ZONES : ALL_REGIONS;
  const scopes = [...locations.map((l) => `${kind}/${l}`), ...(withGlobal ? ['global'] : [])];
  const routes = [aggregatedRoute(spec, kind, scopes), ...listGetRoutes(spec, kind, spec.collection)];
  if (!withGlobal) return routes;
  const globalPrefix = `global${spec.collection.charAt(0).toUpperCase()}${spec.collection.slice(1)}`;
  return [...routes, ...listGetRoutes(spec, 'global', globalPrefix)];
}

/** list and get of a global resource (firewalls, networks, snapshots). */
export function globalReadRoutes<T extends Scoped & { id: string }>(spec: ReadSpec<T>): GcpRoute[] {
  return listGetRoutes(spec, 'global', spec.collection);
}
