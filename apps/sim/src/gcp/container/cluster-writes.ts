import { createHash } from 'node:crypto';
import type { SimResponse } from '../../core/http.ts';
import { GcpError, invalid, notFound } from '../errors.ts';
import { fingerprint, isoTime } from '../ids.ts';
import { ok, type GcpCall, type GcpRoute } from '../route.ts';
import { parseLabels } from '../compute/instance-updates.ts';
import { requireCluster, requireProject } from './routes.ts';
import type { GkeCluster, GkeOperation } from './types.ts';

function failedPrecondition(message: string): GcpError {
  return new GcpError(400, 'failedPrecondition', message, 'FAILED_PRECONDITION');
}

function clusterPath(c: GkeCluster): string {
  return `projects/${c.project}/locations/${c.location}/clusters/${c.name}`;
}

function operationJson(base: string, op: GkeOperation, now: number): Record<string, unknown> {
  const done = now >= op.doneAtMs;
  return {
    name: op.name,
    zone: op.location,
    operationType: op.operationType,
    status: done ? 'DONE' : 'RUNNING',
    selfLink: `${base}/v1/projects/${op.project}/locations/${op.location}/operations/${op.name}`,
    targetLink: `${base}/v1/${op.target}`,
    startTime: isoTime(op.startMs),
    endTime: done ? isoTime(op.doneAtMs) : undefined,
    location: op.location,
  };
}

/**
 * Starts an operation on a cluster. GKE runs one operation per cluster at a time: another one
 * still under way is 400 FAILED_PRECONDITION. The cluster is RECONCILING until it is done.
 */
function begin(call: GcpCall, cluster: GkeCluster, operationType: string, target: string): SimResponse {
  if (cluster.busy && call.now < cluster.busy.untilMs)
    throw failedPrecondition(
      `Cluster is running incompatible operation projects/${cluster.project}/locations/${cluster.location}/operations/${cluster.busy.operation}.`,
    );
  const { container } = call.estate;
  const seq = ++container.operationSeq;
  const hash = createHash('sha256').update(`${target}/${operationType}/${seq}`).digest('hex');
  const t = Math.max(0, call.sim.timing.transitionMs);
  const op: GkeOperation = {
    project: cluster.project,
    location: cluster.location,
    name: `operation-${call.now}-${hash.slice(0, 8)}`,
    operationType,
    target,
    startMs: call.now,
    doneAtMs: call.now + t,
  };
  container.operations.set(op.name, op);
  if (container.operations.size > 10_000)
    container.operations.delete(container.operations.keys().next().value!);
  cluster.busy = { operation: op.name, untilMs: op.doneAtMs };
  return ok(operationJson(call.base, op, call.now));
}

const CIDR = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/;

/**
 * clusters.update with `desiredMasterAuthorizedNetworksConfig` (the one update modelled; GKE
 * takes exactly one change per request). proto3 JSON leaves `enabled: false` and empty lists
 * out, so a missing `enabled` means off.
 */
function update(call: GcpCall): SimResponse {
  const cluster = requireCluster(call);
  const desired = call.body()['update'];
  if (!desired || typeof desired !== 'object' || Array.isArray(desired))
    throw invalid('Update must be specified.', 'badRequest');
  const fields = Object.keys(desired as object).filter((k) => k.startsWith('desired'));
  if (fields.length !== 1)
    throw invalid(`Exactly one update can be applied to a cluster with each request, got ${fields.length}.`);
  if (fields[0] !== 'desiredMasterAuthorizedNetworksConfig')
    throw invalid(`Update ${fields[0]} is not supported.`);
  const cfg = ((desired as Record<string, unknown>)[fields[0]] ?? {}) as Record<string, unknown>;
  const blocks = (cfg['cidrBlocks'] ?? []) as unknown;
  if (!Array.isArray(blocks)) throw invalid('Invalid cidrBlocks.');
  const parsed = blocks.map((b: unknown) => {
    const block = (b ?? {}) as Record<string, unknown>;
    const cidr = block['cidrBlock'];
    if (typeof cidr !== 'string' || !CIDR.test(cidr)) throw invalid(`Invalid CIDR block: ${String(cidr)}.`);
    return {
      displayName: typeof block['displayName'] === 'string' ? block['displayName'] : '',
      cidrBlock: cidr,
    };
  });
  const response = begin(call, cluster, 'UPDATE_CLUSTER', clusterPath(cluster));
  cluster.authorizedNetworks = cfg['enabled'] === true ? parsed : undefined;
  return response;
}

/** clusters.setResourceLabels: replaces the labels when `labelFingerprint` is current. */
function setResourceLabels(call: GcpCall): SimResponse {
  const cluster = requireCluster(call);
  const body = call.body();
  const labels = parseLabels(body['resourceLabels']);
  if (body['labelFingerprint'] !== fingerprint(cluster.labels))
    throw failedPrecondition('Labels could not be set due to fingerprint mismatch.');
  const response = begin(call, cluster, 'SET_LABELS', clusterPath(cluster));
  cluster.labels = labels;
  return response;
}

/** nodePools.setSize: resizes a Standard cluster's node pool (per zone of the pool). */
function setSize(call: GcpCall): SimResponse {
  const cluster = requireCluster(call);
  const pool = cluster.nodePools.find((p) => p.name === call.params['nodePool']);
  if (!pool) throw notFound(`Not found: ${clusterPath(cluster)}/nodePools/${call.params['nodePool']}.`);
  if (cluster.autopilot)
    throw invalid('This operation is not supported in Autopilot clusters: nodes are managed by GKE.');
  // proto3 JSON omits a zero nodeCount.
  const count = call.body()['nodeCount'] ?? 0;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 1000)
    throw invalid(`Invalid node count: ${String(count)}.`);
  const response = begin(
    call,
    cluster,
    'SET_NODE_POOL_SIZE',
    `${clusterPath(cluster)}/nodePools/${pool.name}`,
  );
  pool.nodeCount = count;
  return response;
}

function getOperation(call: GcpCall): SimResponse {
  const project = requireProject(call).projectId;
  const op = call.estate.container.operations.get(call.params['operation'] ?? '');
  if (!op || op.project !== project || op.location !== call.params['location'])
    throw notFound(
      `Not found: projects/${call.params['project']}/locations/${call.params['location']}/operations/${call.params['operation']}.`,
    );
  return ok(operationJson(call.base, op, call.now));
}

const base = '/v1/projects/{project}/locations/{location}';

/** GKE clusters.update, setResourceLabels, nodePools.setSize and operations.get. */
export const clusterWriteRoutes: GcpRoute[] = [
  {
    method: 'PUT',
    path: `${base}/clusters/{cluster}`,
    service: 'container',
    operation: 'projects.locations.clusters.update',
    mutating: true,
    handle: update,
  },
  {
    method: 'POST',
    path: `${base}/clusters/{cluster}:setResourceLabels`,
    service: 'container',
    operation: 'projects.locations.clusters.setResourceLabels',
    mutating: true,
    handle: setResourceLabels,
  },
  {
    method: 'POST',
    path: `${base}/clusters/{cluster}/nodePools/{nodePool}:setSize`,
    service: 'container',
    operation: 'projects.locations.clusters.nodePools.setSize',
    mutating: true,
    handle: setSize,
  },
  {
    method: 'GET',
    path: `${base}/operations/{operation}`,
    service: 'container',
    operation: 'projects.locations.operations.get',
    handle: getOperation,
  },
];
