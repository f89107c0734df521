import { createHash } from 'node:crypto';
import type { SimResponse } from '../../core/http.ts';
import { parseLabels } from '../compute/instance-updates.ts';
import { GcpError, notFound } from '../errors.ts';
import type { GcpProject } from '../estate.ts';
import { isoTime } from '../ids.ts';
import { ok, type GcpCall, type GcpRoute } from '../route.ts';
import { requireProject, v1Json, v2Json } from './routes.ts';
import type { CloudFunction, FunctionOperation } from './types.ts';

type Version = 'v1' | 'v2';

function badRequest(message: string): GcpError {
  return new GcpError(400, 'badRequest', message, 'INVALID_ARGUMENT');
}

/** `google.longrunning.Operation` JSON: metadata and (once done) the function, as typed Any. */
function operationJson(
  op: FunctionOperation,
  f: CloudFunction | undefined,
  project: GcpProject,
  now: number,
) {
  const done = now >= op.doneAtMs;
  const target = `projects/${op.project}/locations/${op.region}/functions/${op.function}`;
  const metadata =
    op.version === 'v2'
      ? {
          '@type': 'type.googleapis.com/google.cloud.functions.v2.OperationMetadata',
          createTime: isoTime(op.startMs),
          endTime: done ? isoTime(op.doneAtMs) : undefined,
          target,
          verb: 'update',
          apiVersion: 'v2',
        }
      : {
          '@type': 'type.googleapis.com/google.cloud.functions.v1.OperationMetadataV1',
          target,
          type: 'UPDATE_FUNCTION',
          updateTime: isoTime(op.startMs),
          versionId: f ? String(f.versionId) : undefined,
        };
  const response =
    done && f
      ? op.version === 'v2'
        ? {
            '@type': 'type.googleapis.com/google.cloud.functions.v2.Function',
            ...v2Json(f, project.projectNumber),
          }
        : {
            '@type': 'type.googleapis.com/google.cloud.functions.v1.CloudFunction',
            ...v1Json(f, project.projectNumber),
          }
      : undefined;
  return { name: op.name, metadata, done, response };
}

function findFunction(call: GcpCall, project: string, version: Version): CloudFunction {
  const f = call.estate.functions.functions.find(
    (x) =>
      x.project === project &&
      x.region === call.params['location'] &&
      x.name === call.params['function'] &&
      (version === 'v2' || x.generation === 1),
  );
  if (!f)
    throw notFound(
      `Function ${call.params['function']} in region ${call.params['location']} in project ${call.params['project']} does not exist`,
    );
  return f;
}

/**
 * functions.patch (v1 for 1st gen, v2 for both): `updateMask=labels` replaces the labels (the
 * only field modelled). Answers with a long-running operation, done after the transition time.
 */
function patch(call: GcpCall, version: Version): SimResponse {
  const project = requireProject(call);
  const f = findFunction(call, project.projectId, version);
  const mask = (call.query.get('updateMask') ?? '').split(',').filter(Boolean);
  if (mask.length === 0) throw badRequest('update_mask is required.');
  const unsupported = mask.find((m) => m.trim() !== 'labels');
  if (unsupported) throw badRequest(`Updating ${unsupported} is not supported by this simulator.`);
  f.labels = parseLabels(call.body()['labels']);
  f.labelsPatched = true;
  f.updatedMs = call.now;
  const ops = call.estate.functions.operations;
  const hash = createHash('sha256').update(`${f.project}/${f.name}/${call.now}/${ops.size}`).digest('hex');
  const id = `operation-${call.now}-${hash.slice(0, 12)}`;
  const op: FunctionOperation = {
    name:
      version === 'v2'
        ? `projects/${f.project}/locations/${f.region}/operations/${id}`
        : `operations/${hash.slice(0, 40)}`,
    version,
    project: f.project,
    function: f.name,
    region: f.region,
    startMs: call.now,
    doneAtMs: call.now + Math.max(0, call.sim.timing.transitionMs),
  };
  ops.set(op.name, op);
  if (ops.size > 10_000) ops.delete(ops.keys().next().value!);
  return ok(operationJson(op, f, project, call.now));
}

function getOperation(call: GcpCall, name: string): SimResponse {
  const op = call.estate.functions.operations.get(name);
  if (!op) throw notFound(`Operation ${name} not found.`);
  const project = call.estate.projectIndex.get(op.project)!;
  const f = call.estate.functions.functions.find(
    (x) => x.project === op.project && x.region === op.region && x.name === op.function,
  );
  return ok(operationJson(op, f, project, call.now));
}

/** Cloud Functions patch (labels) and operations.get, v1 and v2. */
export const functionWriteRoutes: GcpRoute[] = [
  {
    method: 'PATCH',
    path: '/v1/projects/{project}/locations/{location}/functions/{function}',
    service: 'cloudfunctions',
    operation: 'projects.locations.functions.patch',
    mutating: true,
    handle: (call) => patch(call, 'v1'),
  },
  {
    method: 'PATCH',
    path: '/v2/projects/{project}/locations/{location}/functions/{function}',
    service: 'cloudfunctions',
    operation: 'projects.locations.functions.patch',
    mutating: true,
    handle: (call) => patch(call, 'v2'),
  },
  {
    method: 'GET',
    path: '/v1/operations/{operation}',
    service: 'cloudfunctions',
    operation: 'operations.get',
    scope: (params, estate) => ({
      account: estate.functions.operations.get(`operations/${params['operation']}`)?.project ?? '',
    }),
    handle: (call) => getOperation(call, `operations/${call.params['operation']}`),
  },
  {
    method: 'GET',
    path: '/v2/projects/{project}/locations/{location}/operations/{operation}',
    service: 'cloudfunctions',
    operation: 'projects.locations.operations.get',
    handle: (call) =>
      getOperation(
        call,
        `projects/${requireProject(call).projectId}/locations/${call.params['location']}/operations/${call.params['operation']}`,
      ),
  },
];
