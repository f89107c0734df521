import { createHash } from 'node:crypto';
import type { SimResponse } from '../../core/http.ts';
import { resourceNotFound } from '../errors.ts';
import { gceTime } from '../ids.ts';
import { ok, type GcpCall, type GcpRoute } from '../route.ts';
import { requireProject } from './lookup.ts';
import { ComputeRenderer } from './render.ts';
import type { GceOperation } from './types.ts';

export interface OperationInput {
  project: string;
  /** `zones/{z}`, `regions/{r}` or `global`. */
  scope: string;
  operationType: string;
  targetLink: string;
  targetId: string;
  /** Simulated ms until the operation is DONE (0: done at once). */
  durationMs: number;
}

/**
 * Records a Compute Engine operation and answers with it, as every mutating Compute method does.
 * It is RUNNING until the simulated clock passes its end, then DONE.
 */
export function startOperation(call: GcpCall, input: OperationInput): SimResponse {
  const compute = call.estate.compute;
  const seq = ++compute.operationSeq;
  const hash = createHash('sha256').update(`${input.project}/${input.targetLink}/${seq}`).digest('hex');
  const op: GceOperation = {
    ...input,
    name: `operation-${call.now}-${hash.slice(0, 13)}-${hash.slice(13, 21)}-${hash.slice(21, 29)}`,
    id: (
      (BigInt(`0x${hash.slice(29, 45)}`) % 9_000_000_000_000_000_000n) +
      1_000_000_000_000_000_000n
    ).toString(),
    insertMs: call.now,
    doneAtMs: call.now + Math.max(0, input.durationMs),
  };
  compute.operations.set(op.name, op);
  // Keep the newest operations only; a long-running simulator would otherwise grow without bound.
  if (compute.operations.size > 10_000) compute.operations.delete(compute.operations.keys().next().value!);
  return ok(renderOperation(new ComputeRenderer(call.base), op, call.now));
}

export function renderOperation(r: ComputeRenderer, op: GceOperation, now: number): Record<string, unknown> {
  const done = now >= op.doneAtMs;
  const scopeLink = r.link(`projects/${op.project}/${op.scope}`);
  return {
    kind: 'compute#operation',
    id: op.id,
    name: op.name,
    zone: op.scope.startsWith('zones/') ? scopeLink : undefined,
    region: op.scope.startsWith('regions/') ? scopeLink : undefined,
    operationType: op.operationType,
    targetLink: r.link(op.targetLink),
    targetId: op.targetId,
    status: done ? 'DONE' : 'RUNNING',
    user: 'escher-sim@example.com',
    progress: done ? 100 : 0,
    insertTime: gceTime(op.insertMs),
    startTime: gceTime(op.insertMs),
    endTime: done ? gceTime(op.doneAtMs) : undefined,
    selfLink: r.link(
      `projects/${op.project}/${op.scope === 'global' ? 'global' : op.scope}/operations/${op.name}`,
    ),
  };
}

function findOperation(call: GcpCall, scope: string): GceOperation {
  const project = requireProject(call).projectId;
  const wanted = call.params['operation']!;
  const ops = call.estate.compute.operations;
  // Compute accepts an operation's name or its numeric id (the Node client hands out the id).
  const op = ops.get(wanted) ?? [...ops.values()].find((o) => o.id === wanted);
  if (!op || op.project !== project || op.scope !== scope) {
    throw resourceNotFound(`projects/${call.params['project']}/${scope}/operations/${wanted}`);
  }
  return op;
}

/** `get` and `wait` for zonal, regional and global operations. `wait` answers at once with the current status, as the real one may before DONE. */
function operationRoutes(kind: 'zone' | 'region' | 'global'): GcpRoute[] {
  const prefix =
    kind === 'zone'
      ? '/compute/v1/projects/{project}/zones/{zone}/operations/{operation}'
      : kind === 'region'
        ? '/compute/v1/projects/{project}/regions/{region}/operations/{operation}'
        : '/compute/v1/projects/{project}/global/operations/{operation}';
  const scopeOf = (call: GcpCall): string =>
    kind === 'zone'
      ? `zones/${call.params['zone']}`
      : kind === 'region'
        ? `regions/${call.params['region']}`
        : 'global';
  const answer = (call: GcpCall): SimResponse =>
    ok(renderOperation(new ComputeRenderer(call.base), findOperation(call, scopeOf(call)), call.now));
  return [
    { method: 'GET', path: prefix, service: 'compute', operation: `${kind}Operations.get`, handle: answer },
    {
      method: 'POST',
      path: `${prefix}/wait`,
      service: 'compute',
      operation: `${kind}Operations.wait`,
      handle: answer,
    },
  ];
}

export const operationsRoutes: GcpRoute[] = [
  ...operationRoutes('zone'),
  ...operationRoutes('region'),
  ...operationRoutes('global'),
];
