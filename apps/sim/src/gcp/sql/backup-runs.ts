import type { SimResponse } from '../../core/http.ts';
import { GcpError, invalid } from '../errors.ts';
import { findProject, type GcpEstate } from '../estate.ts';
import { isoTime } from '../ids.ts';
import { ok, type GcpCall, type GcpRoute } from '../route.ts';
import { apiRoot, operation, requireInstance } from './routes.ts';
import type { SqlBackupRun } from './types.ts';

function backupRunJson(root: string, run: SqlBackupRun, now: number): Record<string, unknown> {
  const done = now >= run.doneAtMs;
  return {
    kind: 'sql#backupRun',
    status: done ? 'SUCCESSFUL' : 'RUNNING',
    enqueuedTime: isoTime(run.enqueuedMs),
    id: run.id,
    startTime: isoTime(run.enqueuedMs),
    endTime: done ? isoTime(run.doneAtMs) : undefined,
    type: run.type,
    description: run.description,
    windowStartTime: isoTime(run.enqueuedMs),
    instance: run.instance,
    selfLink: `${root}/projects/${run.project}/instances/${run.instance}/backupRuns/${run.id}`,
    location: run.location,
    backupKind: 'SNAPSHOT',
  };
}

function runsOf(call: GcpCall, project: string, instance: string): SqlBackupRun[] {
  const key = `${project}/${instance}`;
  let runs = call.estate.sql.backupRuns.get(key);
  if (!runs) call.estate.sql.backupRuns.set(key, (runs = []));
  return runs;
}

/**
 * backupRuns.insert: an on-demand backup, RUNNING until its BACKUP_VOLUME operation is done. Only
 * a running instance can be backed up; the operation names the new run in `backupContext`.
 */
function insert(call: GcpCall, version: string): SimResponse {
  const inst = requireInstance(call);
  if (inst.state !== 'RUNNABLE' || inst.pending)
    throw invalid('Invalid request: Invalid request since instance is not running.');
  const body = call.body();
  const description = body['description'];
  if (description !== undefined && typeof description !== 'string')
    throw invalid('Invalid request: description must be a string.');
  const t = call.sim.timing.transitionMs;
  const runs = runsOf(call, inst.project, inst.name);
  // Cloud SQL backup ids are int64 milliseconds-ish numbers; keep them unique per instance.
  const id = String(Math.max(call.now, (Number(runs.at(-1)?.id) || 0) + 1));
  runs.push({
    project: inst.project,
    instance: inst.name,
    id,
    type: 'ON_DEMAND',
    description,
    enqueuedMs: call.now,
    doneAtMs: call.now + Math.max(0, t),
    location: inst.region,
  });
  return operation(call, version, inst, 'BACKUP_VOLUME', t, { backupId: id });
}

function list(call: GcpCall, version: string): SimResponse {
  const inst = requireInstance(call);
  const runs = runsOf(call, inst.project, inst.name);
  return ok({
    kind: 'sql#backupRunsList',
    items: runs.length
      ? [...runs].reverse().map((r) => backupRunJson(apiRoot(call, version), r, call.now))
      : undefined,
  });
}

function get(call: GcpCall, version: string): SimResponse {
  const inst = requireInstance(call);
  const run = runsOf(call, inst.project, inst.name).find((r) => r.id === call.params['id']);
  if (!run) throw new GcpError(404, 'backupRunDoesNotExist', 'The backup run does not exist.');
  return ok(backupRunJson(apiRoot(call, version), run, call.now));
}

function routesFor(version: 'v1' | 'v1beta4'): GcpRoute[] {
  const prefix =
    version === 'v1'
      ? '/v1/projects/{project}/instances/{instance}/backupRuns'
      : '/sql/v1beta4/projects/{project}/instances/{instance}/backupRuns';
  const scope = (params: Record<string, string>, estate: GcpEstate) => {
    const project = findProject(estate, params['project'] ?? '')?.projectId ?? params['project'];
    return { region: estate.sql.instances.get(`${project}/${params['instance']}`)?.region ?? 'global' };
  };
  return [
    {
      method: 'POST',
      path: prefix,
      service: 'sqladmin',
      operation: 'backupRuns.insert',
      mutating: true,
      scope,
      handle: (c) => insert(c, version),
    },
    {
      method: 'GET',
      path: prefix,
      service: 'sqladmin',
      operation: 'backupRuns.list',
      scope,
      handle: (c) => list(c, version),
    },
    {
      method: 'GET',
      path: `${prefix}/{id}`,
      service: 'sqladmin',
      operation: 'backupRuns.get',
      scope,
      handle: (c) => get(c, version),
    },
  ];
}

/** Cloud SQL backupRuns insert/list/get (v1 and v1beta4). */
export const sqlBackupRunRoutes: GcpRoute[] = [...routesFor('v1'), ...routesFor('v1beta4')];
