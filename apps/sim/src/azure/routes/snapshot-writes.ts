import { randomUUID } from 'node:crypto';
import type { SimResponse } from '../../core/http.ts';
import { AzureError, invalidContent } from '../arm/errors.ts';
import { accepted, beginOperation } from '../arm/lro.ts';
import {
  jsonBody,
  ok,
  requireGroup,
  requireResource,
  resourceIdOf,
  type ArmRequest,
} from '../arm/request.ts';
import type { ArmRoute } from '../arm/router.ts';
import { addResource, findResource } from '../estate.ts';
import type { SnapshotRecord } from '../records.ts';
import { T } from '../records.ts';
import { renderSnapshot } from '../render/compute.ts';
import { parseTags, RG } from './kit.ts';

const SNAPSHOT = `${RG}/providers/${T.snapshot}/{name}`;
const POLICIES = ['AllowAll', 'AllowPrivate', 'DenyAll'] as const;
const ACCESS = ['Enabled', 'Disabled'] as const;
/** Compute's rule for disk and snapshot names: 1–80 word characters, dots and hyphens, ending in a word character. */
const NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/;

function object(value: unknown, path: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidContent(`Error converting value to type 'Object'. Path '${path}'`);
  return value as Record<string, unknown>;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T | undefined {
  if (value === undefined) return undefined;
  const found = allowed.find((a) => a.toLowerCase() === String(value).toLowerCase());
  if (!found)
    throw new AzureError(
      400,
      'InvalidParameter',
      `The value '${String(value)}' of parameter '${path}' is not allowed. Allowed values are: ${allowed.join(', ')}.`,
      [{ code: 'InvalidParameter', message: path, target: path }],
    );
  return found;
}

/**
 * Applies the network settings of a PUT or PATCH body. AllowPrivate needs a disk access
 * resource, as Compute insists; `publicAccess` (the planted finding) follows the pair.
 */
function applyNetwork(s: SnapshotRecord, p: Record<string, unknown>): void {
  const policy = oneOf(p['networkAccessPolicy'], POLICIES, 'networkAccessPolicy');
  const access = oneOf(p['publicNetworkAccess'], ACCESS, 'publicNetworkAccess');
  const diskAccessId = typeof p['diskAccessId'] === 'string' ? p['diskAccessId'] : s.diskAccessId;
  if (policy === 'AllowPrivate' && !diskAccessId)
    throw new AzureError(
      400,
      'InvalidParameter',
      'Parameter diskAccessId is required when networkAccessPolicy is AllowPrivate.',
      [{ code: 'InvalidParameter', message: 'diskAccessId', target: 'diskAccessId' }],
    );
  if (policy !== undefined) s.networkAccessPolicy = policy;
  if (access !== undefined) s.publicNetworkAccess = access;
  s.diskAccessId = policy === undefined || policy === 'AllowPrivate' ? diskAccessId : undefined;
  const rendered = renderSnapshot(s)['properties'] as Record<string, unknown>;
  s.publicAccess =
    rendered['networkAccessPolicy'] === 'AllowAll' && rendered['publicNetworkAccess'] === 'Enabled';
}

/**
 * PUT snapshots/{name}: a snapshot of a managed disk (creationData.createOption Copy from
 * sourceResourceId) in the disk's region, or an update of an existing snapshot's tags and network
 * settings. A new snapshot answers 202 with the operation headers; the poller's final GET reads it.
 */
function createOrUpdate(rc: ArmRequest): SimResponse {
  const group = requireGroup(rc);
  const name = rc.params['name'] ?? '';
  const body = jsonBody(rc);
  const p = object(body['properties'], 'properties');
  const existing = findResource(rc.az, resourceIdOf(group, T.snapshot, name));
  if (existing?.type === T.snapshot) {
    if (body['tags'] !== undefined) existing.tags = parseTags(body['tags']);
    applyNetwork(existing, p);
    return ok(renderSnapshot(existing));
  }
  if (!NAME.test(name))
    throw new AzureError(400, 'InvalidResourceName', `The resource name '${name}' is invalid.`);
  const location =
    typeof body['location'] === 'string' ? body['location'].toLowerCase().replace(/\s+/g, '') : '';
  if (!location)
    throw new AzureError(400, 'LocationRequired', 'The location property is required for this definition.');
  const creation = object(p['creationData'], 'properties.creationData');
  const option = String(creation['createOption'] ?? '');
  if (!['copy', 'copystart'].includes(option.toLowerCase()))
    throw new AzureError(
      400,
      'InvalidParameter',
      `escher-sim creates snapshots from managed disks only (createOption Copy); got '${option}'.`,
      [{ code: 'InvalidParameter', message: 'createOption', target: 'creationData.createOption' }],
    );
  const sourceId = String(creation['sourceResourceId'] ?? '');
  const source = findResource(rc.az, sourceId);
  if (!source || source.type !== T.disk) {
    const parts = sourceId.split('/');
    throw new AzureError(
      404,
      'NotFound',
      `Resource ${parts.slice(-2).join('/') || sourceId} is not found. Source disk: '${sourceId}'.`,
    );
  }
  if (source.location !== location)
    throw new AzureError(
      400,
      'InvalidParameter',
      `Source resource '${source.id}' is in location '${source.location}' but the snapshot is in '${location}'; they must match.`,
      [{ code: 'InvalidParameter', message: 'location', target: 'location' }],
    );
  const sku = object(body['sku'], 'sku');
  const snapshot: SnapshotRecord = {
    type: T.snapshot,
    id: resourceIdOf(group, T.snapshot, name),
    name,
    subscriptionId: group.subscriptionId,
    resourceGroup: group.name,
    location,
    tags: parseTags(body['tags'] ?? {}),
    createdAt: rc.now,
    uniqueId: randomUUID(),
    sourceDiskId: source.id,
    sizeGb: source.sizeGb,
    osType: source.osType,
    incremental: p['incremental'] === true,
    publicAccess: true,
    sku: typeof sku['name'] === 'string' ? sku['name'] : 'Standard_LRS',
  };
  applyNetwork(snapshot, p);
  addResource(rc.az, snapshot);
  return accepted(
    rc,
    beginOperation(rc, {
      namespace: 'Microsoft.Compute',
      name: 'createSnapshot',
      resourceId: snapshot.id,
      location,
      durationMs: rc.ctx.timing.transitionMs,
    }),
  );
}

/** PATCH snapshots/{name}: tags and the network settings (how a public snapshot gets locked down). */
function update(rc: ArmRequest): SimResponse {
  const snapshot = requireResource(rc, T.snapshot);
  const body = jsonBody(rc);
  if (body['tags'] !== undefined) snapshot.tags = parseTags(body['tags']);
  applyNetwork(snapshot, object(body['properties'], 'properties'));
  return ok(renderSnapshot(snapshot));
}

export const snapshotWriteRoutes: ArmRoute[] = [
  {
    method: 'PUT',
    path: SNAPSHOT,
    service: 'compute',
    operation: 'snapshots.createOrUpdate',
    handle: createOrUpdate,
  },
  { method: 'PATCH', path: SNAPSHOT, service: 'compute', operation: 'snapshots.update', handle: update },
];
