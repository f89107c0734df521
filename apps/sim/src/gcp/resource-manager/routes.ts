import type { SimResponse } from '../../core/http.ts';
import { GcpError, permissionDenied } from '../errors.ts';
import { findProject, type GcpProject } from '../estate.ts';
import { isoTime } from '../ids.ts';
import { pageOf } from '../paging.ts';
import { ok, type GcpCall, type GcpRoute } from '../route.ts';

function v3Json(p: GcpProject, org: string): Record<string, unknown> {
  return {
    name: `projects/${p.projectNumber}`,
    parent: `organizations/${org}`,
    projectId: p.projectId,
    state: 'ACTIVE',
    displayName: p.displayName,
    createTime: isoTime(p.createdMs),
    updateTime: isoTime(p.createdMs),
    etag: `W/"${p.projectNumber.slice(-8)}"`,
    labels: p.labels,
  };
}

function v1Json(p: GcpProject, org: string): Record<string, unknown> {
  return {
    projectNumber: p.projectNumber,
    projectId: p.projectId,
    lifecycleState: 'ACTIVE',
    name: p.displayName,
    createTime: isoTime(p.createdMs),
    labels: p.labels,
    parent: { type: 'organization', id: org },
  };
}

function fieldOf(p: GcpProject, org: string, key: string): string | undefined {
  const k = key.toLowerCase();
  if (k === 'id' || k === 'projectid') return p.projectId;
  if (k === 'name' || k === 'displayname') return p.displayName;
  if (k === 'state' || k === 'lifecyclestate') return 'ACTIVE';
  if (k === 'projectnumber' || k === 'number') return p.projectNumber;
  if (k === 'parent') return `organizations/${org}`;
  if (k === 'parent.type') return 'organization';
  if (k === 'parent.id') return org;
  if (k.startsWith('labels.')) return p.labels[key.slice(7)];
  return undefined;
}

const KNOWN =
  /^(id|projectid|name|displayname|state|lifecyclestate|projectnumber|number|parent|parent\.type|parent\.id|labels\.[a-z0-9_-]+)$/i;

/** Resource Manager search/filter syntax: `key:value` terms (AND), `*` wildcards, optional quotes. */
function compileQuery(text: string | null): (p: GcpProject, org: string) => boolean {
  const terms = (text ?? '').split(/\s+(?:AND\s+)?/i).filter((t) => t && t.toUpperCase() !== 'AND');
  const tests = terms.map((term) => {
    const m = /^(-?)([A-Za-z.0-9_-]+)\s*[:=]\s*"?([^"]*)"?$/.exec(term);
    if (!m || !KNOWN.test(m[2]!))
      throw new GcpError(
        400,
        'badRequest',
        `Request contains an invalid argument: unsupported query term '${term}'.`,
      );
    const [, negate, key, value] = m;
    const pattern = new RegExp(`^${value!.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
    return (p: GcpProject, org: string) => {
      const v = fieldOf(p, org, key!);
      return (v !== undefined && pattern.test(v)) !== (negate === '-');
    };
  });
  return (p, org) => tests.every((t) => t(p, org));
}

function requireProject(call: GcpCall): GcpProject {
  const project = findProject(call.estate, call.params['project'] ?? '');
  if (!project)
    throw permissionDenied(
      `Permission 'resourcemanager.projects.get' denied on resource '//cloudresourcemanager.googleapis.com/projects/${call.params['project']}' (or it may not exist).`,
    );
  return project;
}

/** The projects matching the filter in query parameter `param` (`filter` in v1, `query` in v3). */
function matching(call: GcpCall, param: string): GcpProject[] {
  const org = call.estate.organizationId;
  const test = compileQuery(call.query.get(param));
  return call.estate.projects.filter((p) => test(p, org));
}

/** One page of projects as v1 or v3 renders them: no `projects` at all when the page is empty. */
function projectsPage(
  call: GcpCall,
  projects: readonly GcpProject[],
  maxSize: number,
  render: (p: GcpProject, org: string) => Record<string, unknown>,
): SimResponse {
  const org = call.estate.organizationId;
  const page = pageOf(call, projects, { defaultSize: 500, maxSize });
  return ok({
    projects: page.items.length ? page.items.map((p) => render(p, org)) : undefined,
    nextPageToken: page.nextToken,
  });
}

/** Resource Manager v1 projects.list/get and v3 projects.search/list/get. */
export const resourceManagerRoutes: GcpRoute[] = [
  {
    method: 'GET',
    path: '/v1/projects',
    service: 'cloudresourcemanager',
    operation: 'projects.list',
    handle: (call) => projectsPage(call, matching(call, 'filter'), 1000, v1Json),
  },
  {
    method: 'GET',
    path: '/v1/projects/{project}',
    service: 'cloudresourcemanager',
    operation: 'projects.get',
    handle: (call) => ok(v1Json(requireProject(call), call.estate.organizationId)),
  },
  {
    method: 'GET',
    path: '/v3/projects:search',
    service: 'cloudresourcemanager',
    operation: 'projects.search',
    handle: (call) => projectsPage(call, matching(call, 'query'), 500, v3Json),
  },
  {
    method: 'GET',
    path: '/v3/projects',
    service: 'cloudresourcemanager',
    operation: 'projects.list',
    handle(call) {
      const org = call.estate.organizationId;
      const parent = call.query.get('parent');
      if (!parent)
        throw new GcpError(400, 'badRequest', 'Request contains an invalid argument: parent is required.');
      return projectsPage(call, parent === `organizations/${org}` ? call.estate.projects : [], 500, v3Json);
    },
  },
  {
    method: 'GET',
    path: '/v3/projects/{project}',
    service: 'cloudresourcemanager',
    operation: 'projects.get',
    handle: (call) => ok(v3Json(requireProject(call), call.estate.organizationId)),
  },
];
