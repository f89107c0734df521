import type { SimResponse } from '../../core/http.ts';
import { settle } from '../../core/transition.ts';
import { AzureError, invalidContent } from '../arm/errors.ts';
import { beginOperation, operationHeaders } from '../arm/lro.ts';
import { jsonBody, maybeResource, ok, requireResource, type ArmRequest } from '../arm/request.ts';
import type { ArmRoute } from '../arm/router.ts';
import { T } from '../records.ts';
import { renderCluster } from '../render/platform.ts';
import { parseTags, RG } from './kit.ts';

const MAX_RANGES = 200;

function object(value: unknown, path: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalidContent(`Error converting value to type 'Object'. Path '${path}'`);
  return value as Record<string, unknown>;
}

/** An IPv4 address or CIDR, as AKS accepts for authorized ranges. */
function isCidr(value: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(value);
  if (!m) return false;
  const octets = m.slice(1, 5).map(Number);
  return octets.every((o) => o <= 255) && (m[5] === undefined || Number(m[5]) <= 32);
}

function parseRanges(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw invalidContent(
      "Error converting value to type 'System.Collections.Generic.List`1[System.String]'. Path 'properties.apiServerAccessProfile.authorizedIPRanges'",
    );
  const ranges = value as string[];
  const bad = ranges.find((r) => !isCidr(r.trim()));
  if (bad !== undefined || ranges.length > MAX_RANGES)
    throw new AzureError(
      400,
      'InvalidParameter',
      bad !== undefined
        ? `The value of parameter apiServerAccessProfile.authorizedIPRanges is invalid: '${bad}' is not an IPv4 address or CIDR.`
        : `At most ${MAX_RANGES} authorized IP ranges are allowed.`,
      [
        {
          code: 'InvalidParameter',
          message: 'authorizedIPRanges',
          target: 'apiServerAccessProfile.authorizedIPRanges',
        },
      ],
    );
  return ranges.map((r) => r.trim());
}

/**
 * PUT managedClusters/{name} on an existing cluster: what escher-sim keeps of a full update is the
 * tags and the API server's authorized IP ranges (how a public endpoint gets narrowed). A stopped
 * or transitioning cluster refuses, private-ness cannot change, and private clusters take no
 * ranges. A changed cluster answers 200 with provisioningState Updating and an
 * Azure-AsyncOperation header, as AKS does.
 */
function putCluster(rc: ArmRequest): SimResponse {
  const cluster = maybeResource(rc, T.aks);
  if (!cluster) {
    requireResource(rc, T.aks);
    throw new AzureError(
      409,
      'OperationNotAllowed',
      'escher-sim updates existing managed clusters; it does not create them.',
    );
  }
  const body = jsonBody(rc);
  const access = object(
    object(body['properties'], 'properties')['apiServerAccessProfile'],
    'properties.apiServerAccessProfile',
  );
  const power = settle(cluster.power, rc.ctx.clock).state;
  if (power !== 'Running')
    throw new AzureError(
      409,
      'OperationNotAllowed',
      `Operation is not allowed: managed cluster ${cluster.name} is in Power State(${power}); start it before updating.`,
    );
  const makePrivate = access['enablePrivateCluster'];
  if (makePrivate !== undefined && makePrivate !== null && Boolean(makePrivate) !== cluster.privateCluster)
    throw new AzureError(
      400,
      'PropertyChangeNotAllowed',
      "Changing property 'enablePrivateCluster' is not allowed.",
    );
  const ranges = parseRanges(access['authorizedIPRanges']);
  if (cluster.privateCluster && ranges.length > 0)
    throw new AzureError(
      400,
      'BadRequest',
      'API server authorized IP ranges are not supported on private clusters: the API server has no public endpoint.',
    );
  if (body['tags'] !== undefined) cluster.tags = parseTags(body['tags']);
  const changed = ranges.join(',') !== cluster.authorizedIpRanges.join(',');
  if (!changed) return ok(renderCluster(cluster, rc.ctx.clock));
  cluster.authorizedIpRanges = ranges;
  const duration = rc.ctx.timing.transitionMs;
  cluster.updatingUntil = rc.now + duration;
  const op = beginOperation(rc, {
    namespace: 'Microsoft.ContainerService',
    name: 'update',
    resourceId: cluster.id,
    location: cluster.location,
    durationMs: duration,
  });
  return ok(
    renderCluster(cluster, rc.ctx.clock),
    200,
    duration > 0 ? { 'Azure-AsyncOperation': operationHeaders(rc, op)['Azure-AsyncOperation']! } : {},
  );
}

export const clusterUpdateRoutes: ArmRoute[] = [
  {
    method: 'PUT',
    path: `${RG}/providers/${T.aks}/{name}`,
    service: 'containerservice',
    operation: 'managedClusters.createOrUpdate',
    handle: putCluster,
  },
];
