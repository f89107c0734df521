import { ALL_REGIONS, ALL_ZONES, MACHINE_TYPES, regionOfZone, zonesOf } from '../catalog.ts';
import { resourceNotFound } from '../errors.ts';
import { ok, type GcpCall, type GcpRoute } from '../route.ts';
import { listResponse, rendered } from './list.ts';
import { requireProject, requireZone } from './lookup.ts';
import { ComputeRenderer } from './render.ts';

const CREATED = '1969-12-31T16:00:00.000-08:00';

function zoneJson(r: ComputeRenderer, project: string, zone: string): Record<string, unknown> {
  return {
    kind: 'compute#zone',
    id: String(2000 + ALL_ZONES.indexOf(zone)),
    creationTimestamp: CREATED,
    name: zone,
    description: zone,
    status: 'UP',
    region: r.link(`projects/${project}/regions/${regionOfZone(zone)}`),
    selfLink: r.link(`projects/${project}/zones/${zone}`),
    availableCpuPlatforms: [
      'Intel Cascade Lake',
      'Intel Ice Lake',
      'AMD Milan',
      'AMD Rome',
      'Intel Broadwell',
      'Intel Haswell',
    ],
    supportsPzs: false,
  };
}

function regionJson(r: ComputeRenderer, project: string, region: string): Record<string, unknown> {
  return {
    kind: 'compute#region',
    id: String(1000 + ALL_REGIONS.indexOf(region)),
    creationTimestamp: CREATED,
    name: region,
    description: region,
    status: 'UP',
    zones: zonesOf(region).map((z) => r.link(`projects/${project}/zones/${z}`)),
    quotas: [
      { metric: 'CPUS', limit: 2400, usage: 0 },
      { metric: 'DISKS_TOTAL_GB', limit: 409600, usage: 0 },
      { metric: 'IN_USE_ADDRESSES', limit: 690, usage: 0 },
    ],
    selfLink: r.link(`projects/${project}/regions/${region}`),
    supportsPzs: false,
  };
}

function named(call: GcpCall, list: readonly string[], param: string, path: string): string {
  const name = call.params[param] ?? '';
  if (!list.includes(name)) throw resourceNotFound(path);
  return name;
}

/** zones.list/get, regions.list/get, machineTypes.list/get. */
export const locationRoutes: GcpRoute[] = [
  {
    method: 'GET',
    path: '/compute/v1/projects/{project}/zones',
    service: 'compute',
    operation: 'zones.list',
    handle(call) {
      const project = requireProject(call).projectId;
      const r = new ComputeRenderer(call.base);
      return listResponse(
        call,
        'compute#zoneList',
        `projects/${project}/zones`,
        r.link(`projects/${project}/zones`),
        ALL_ZONES.map((z) => rendered(zoneJson(r, project, z))),
      );
    },
  },
  {
    method: 'GET',
    path: '/compute/v1/projects/{project}/zones/{zone}',
    service: 'compute',
    operation: 'zones.get',
    handle(call) {
      const project = requireProject(call).projectId;
      const zone = named(
        call,
        ALL_ZONES,
        'zone',
        `projects/${call.params['project']}/zones/${call.params['zone']}`,
      );
      return ok(zoneJson(new ComputeRenderer(call.base), project, zone));
    },
  },
  {
    method: 'GET',
    path: '/compute/v1/projects/{project}/regions',
    service: 'compute',
    operation: 'regions.list',
    handle(call) {
      const project = requireProject(call).projectId;
      const r = new ComputeRenderer(call.base);
      return listResponse(
        call,
        'compute#regionList',
        `projects/${project}/regions`,
        r.link(`projects/${project}/regions`),
        ALL_REGIONS.map((g) => rendered(regionJson(r, project, g))),
      );
    },
  },
  {
    method: 'GET',
    path: '/compute/v1/projects/{project}/regions/{region}',
    service: 'compute',
    operation: 'regions.get',
    handle(call) {
      const project = requireProject(call).projectId;
      const region = named(
        call,
        ALL_REGIONS,
        'region',
        `projects/${call.params['project']}/regions/${call.params['region']}`,
      );
      return ok(regionJson(new ComputeRenderer(call.base), project, region));
    },
  },
  {
    method: 'GET',
    path: '/compute/v1/projects/{project}/zones/{zone}/machineTypes',
    service: 'compute',
    operation: 'machineTypes.list',
    handle(call) {
      const project = requireProject(call).projectId;
      const zone = requireZone(call);
      const r = new ComputeRenderer(call.base);
      const path = `projects/${project}/zones/${zone}/machineTypes`;
      return listResponse(
        call,
        'compute#machineTypeList',
        path,
        r.link(path),
        Object.keys(MACHINE_TYPES).map((m) => rendered(r.machineType(project, zone, m)!)),
      );
    },
  },
  {
    method: 'GET',
    path: '/compute/v1/projects/{project}/zones/{zone}/machineTypes/{machineType}',
    service: 'compute',
    operation: 'machineTypes.get',
    handle(call) {
      const project = requireProject(call).projectId;
      const zone = requireZone(call);
      const json = new ComputeRenderer(call.base).machineType(project, zone, call.params['machineType']!);
      if (!json)
        throw resourceNotFound(
          `projects/${call.params['project']}/zones/${zone}/machineTypes/${call.params['machineType']}`,
        );
      return ok(json);
    },
  },
];
