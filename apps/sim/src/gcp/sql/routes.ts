import { createHash } from 'node:crypto';
import type { SimResponse } from '../../core/http.ts';
import { begin, settle } from '../../core/transition.ts';
import { GcpError, invalid } from '../errors.ts';
import { findProject, type GcpProject } from '../estate.ts';
import { pageOf } from '../paging.ts';
import { ok, type GcpCall, type GcpRoute } from '../route.ts';
import { sqlInstanceJson, sqlOperationJson } from './render.ts';
import type { SqlInstance, SqlOperation } from './types.ts';

export function apiRoot(call: GcpCall, version: string): string {
  return version === 'v1' ? `${call.base}/v1` : `${call.base}/sql/v1beta4`;
}

function requireProject(call: GcpCall): GcpProject {
  const project = findProject(call.estate, call.params['project'] ?? '');
  if (!project)
    throw new GcpError(403, 'notAuthorized', 'The client is not authorized to make this request.');
  return project;
}

export function requireInstance(call: GcpCall): SqlInstance {
  const project = requireProject(call);
  const inst = call.estate.sql.instances.get(`${project.projectId}/${call.params['instance']}`);
  if (!inst) throw new GcpError(404, 'instanceDoesNotExist', 'The Cloud SQL instance does not exist.');
  settle(inst, call.sim.clock);
  return inst;
}

/** Records a Cloud SQL operation on the instance and answers with it (`sql#operation`). */
export function operation(
  call: GcpCall,
  version: string,
  inst: SqlInstance,
  operationType: string,
  durationMs: number,
  extra: Partial<SqlOperation> = {},
): SimResponse {
  const seq = ++call.estate.sql.operationSeq;
  const h = createHash('sha256')
    .update(`${inst.project}/${inst.name}/${operationType}/${call.now}/${seq}`)
    .digest('hex');
  const op: SqlOperation = {
    project: inst.project,
    name: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`,
    operationType,
    targetName: inst.name,
    insertMs: call.now,
    doneAtMs: call.now + Math.max(0, durationMs),
    ...extra,
  };
  call.estate.sql.operations.set(op.name, op);
  if (call.estate.sql.operations.size > 10_000)
    call.estate.sql.operations.delete(call.estate.sql.operations.keys().next().value!);
  inst.etagSeq++;
  return ok(sqlOperationJson(apiRoot(call, version), op, call.now));
}

function list(call: GcpCall, version: string): SimResponse {
  const project = requireProject(call).projectId;
  const all = [...call.estate.sql.instances.values()]
    .filter((i) => i.project === project)
    .map((i) => settle(i, call.sim.clock));
  const page = pageOf(call, all, {
    defaultSize: 500,
    maxSize: 1000,
    sizeParam: 'maxResults',
    invalidToken: () => invalid('Invalid request: Invalid page token.'),
  });
  return ok({
    kind: 'sql#instancesList',
    items: page.items.length ? page.items.map((i) => sqlInstanceJson(apiRoot(call, version), i)) : undefined,
    nextPageToken: page.nextToken,
  });
}

/** Machine tiers Cloud SQL accepts (shared-core, legacy n1, custom and Enterprise Plus tiers). */
const TIER =
  /^db-(f1-micro|g1-small|n1-(standard|highmem)-\d{1,2}|custom-\d{1,2}-\d{3,6}|perf-optimized-N-\d{1,2})$/;

function labelPatch(current: Record<string, string>, patch: unknown): Record<string, string> {
  if (patch === null) return {};
  if (typeof patch !== 'object' || Array.isArray(patch))
    throw invalid('Invalid request: userLabels must be a map.');
  const next = { ...current };
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete next[k];
    else if (typeof v === 'string' && /^[a-z][a-z0-9_-]{0,62}$/.test(k) && /^[a-z0-9_-]{0,63}$/.test(v))
      next[k] = v;
    else throw invalid(`Invalid request: Invalid label ${k}.`);
  }
  return next;
}

/** instances.patch: settings fields merge; activationPolicy NEVER stops the instance, ALWAYS starts it. */
function patch(call: GcpCall, version: string): SimResponse {
  const inst = requireInstance(call);
  const settings = call.body()['settings'];
  if (settings !== undefined && (typeof settings !== 'object' || settings === null))
    throw invalid('Invalid request: settings must be an object.');
  const s = (settings ?? {}) as Record<string, unknown>;
  const t = call.sim.timing.transitionMs;
  let duration = 0;
  const policy = s['activationPolicy'];
  if (policy !== undefined) {
    if (policy !== 'ALWAYS' && policy !== 'NEVER' && policy !== 'ON_DEMAND')
      throw invalid(`Invalid request: Invalid activation policy ${String(policy)}.`);
    if (policy === 'NEVER' && inst.state === 'RUNNABLE') {
      begin(inst, 'RUNNABLE', 'STOPPED', t, call.sim.clock);
      duration = t;
    } else if (policy === 'ALWAYS' && inst.state === 'STOPPED') {
      begin(inst, 'STOPPED', 'RUNNABLE', t, call.sim.clock);
      duration = t;
    }
    inst.activationPolicy = policy;
  }
  if (s['userLabels'] !== undefined) inst.userLabels = labelPatch(inst.userLabels, s['userLabels']);
  const ip = s['ipConfiguration'] as Record<string, unknown> | undefined;
  if (ip && typeof ip === 'object') {
    if (typeof ip['ipv4Enabled'] === 'boolean') inst.ipv4Enabled = ip['ipv4Enabled'];
    if (typeof ip['requireSsl'] === 'boolean') inst.requireSsl = ip['requireSsl'];
    if (Array.isArray(ip['authorizedNetworks'])) {
      inst.authorizedNetworks = ip['authorizedNetworks'].map((n: unknown) => {
        const entry = n as Record<string, unknown>;
        if (typeof entry?.['value'] !== 'string')
          throw invalid('Invalid request: authorizedNetworks entries need a value.');
        return { value: entry['value'], name: typeof entry['name'] === 'string' ? entry['name'] : undefined };
      });
    }
  }
  const backup = s['backupConfiguration'] as Record<string, unknown> | undefined;
  if (backup && typeof backup['enabled'] === 'boolean') inst.backupEnabled = backup['enabled'];
  const tier = s['tier'];
  if (tier !== undefined) {
    if (typeof tier !== 'string' || !TIER.test(tier))
      throw invalid(
        `Invalid request: Invalid Tier (${String(tier)}) for (${inst.databaseVersion}) Edition (ENTERPRISE).`,
      );
    // A new machine tier restarts the instance: the operation takes the transition time.
    if (tier !== inst.tier) duration = Math.max(duration, t);
    inst.tier = tier;
  }
  inst.settingsVersion++;
  return operation(call, version, inst, 'UPDATE', duration);
}

function restart(call: GcpCall, version: string): SimResponse {
  const inst = requireInstance(call);
  if (inst.state !== 'RUNNABLE' || inst.pending)
    throw invalid('Invalid request: Invalid request since instance is not running.');
  return operation(call, version, inst, 'RESTART', call.sim.timing.transitionMs);
}

function getOperation(call: GcpCall, version: string): SimResponse {
  const project = requireProject(call).projectId;
  const op = call.estate.sql.operations.get(call.params['operation'] ?? '');
  if (!op || op.project !== project)
    throw new GcpError(404, 'operationDoesNotExist', 'The Cloud SQL operation does not exist.');
  return ok(sqlOperationJson(apiRoot(call, version), op, call.now));
}

function routesFor(version: 'v1' | 'v1beta4'): GcpRoute[] {
  const prefix = version === 'v1' ? '/v1/projects/{project}' : '/sql/v1beta4/projects/{project}';
  const regionOf = (
    params: Record<string, string>,
    estate: Parameters<NonNullable<GcpRoute['scope']>>[1],
  ) => {
    const project = findProject(estate, params['project'] ?? '')?.projectId ?? params['project'];
    return { region: estate.sql.instances.get(`${project}/${params['instance']}`)?.region ?? 'global' };
  };
  return [
    {
      method: 'GET',
      path: `${prefix}/instances`,
      service: 'sqladmin',
      operation: 'instances.list',
      handle: (c) => list(c, version),
    },
    {
      method: 'GET',
      path: `${prefix}/instances/{instance}`,
      service: 'sqladmin',
      operation: 'instances.get',
      scope: regionOf,
      handle: (c) => ok(sqlInstanceJson(apiRoot(c, version), requireInstance(c))),
    },
    {
      method: 'PATCH',
      path: `${prefix}/instances/{instance}`,
      service: 'sqladmin',
      operation: 'instances.patch',
      mutating: true,
      scope: regionOf,
      handle: (c) => patch(c, version),
    },
    {
      method: 'POST',
      path: `${prefix}/instances/{instance}/restart`,
      service: 'sqladmin',
      operation: 'instances.restart',
      mutating: true,
      scope: regionOf,
      handle: (c) => restart(c, version),
    },
    {
      method: 'GET',
      path: `${prefix}/operations/{operation}`,
      service: 'sqladmin',
      operation: 'operations.get',
      handle: (c) => getOperation(c, version),
    },
  ];
}

/** Cloud SQL Admin v1 (and the same under v1beta4). */
export const sqlRoutes: GcpRoute[] = [...routesFor('v1'), ...routesFor('v1beta4')];
