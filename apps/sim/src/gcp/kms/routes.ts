import { ALL_REGIONS } from '../catalog.ts';
import { notFound, permissionDenied } from '../errors.ts';
import { findProject, type GcpProject } from '../estate.ts';
import { isoTime } from '../ids.ts';
import { pageOf } from '../paging.ts';
import { ok, type GcpCall, type GcpRoute } from '../route.ts';
import { cryptoKeyPath } from './generate.ts';
import type { KmsCryptoKey, KmsKeyRing } from './types.ts';

const KMS_LOCATIONS = ['global', ...ALL_REGIONS, 'us', 'europe', 'asia'];

function requireProject(call: GcpCall): GcpProject {
  const project = findProject(call.estate, call.params['project'] ?? '');
  if (!project)
    throw permissionDenied(
      `Permission 'cloudkms.keyRings.list' denied on resource 'projects/${call.params['project']}/locations/${call.params['location'] ?? '-'}' (or it may not exist).`,
    );
  return project;
}

export function ringName(r: KmsKeyRing): string {
  return `projects/${r.project}/locations/${r.location}/keyRings/${r.name}`;
}

export function requireRing(call: GcpCall): KmsKeyRing {
  const project = requireProject(call).projectId;
  const ring = call.estate.kms.keyRings.find(
    (r) =>
      r.project === project && r.location === call.params['location'] && r.name === call.params['keyRing'],
  );
  if (!ring)
    throw notFound(
      `KeyRing projects/${call.params['project']}/locations/${call.params['location']}/keyRings/${call.params['keyRing']} not found.`,
    );
  return ring;
}

export function keyJson(k: KmsCryptoKey): Record<string, unknown> {
  const name = cryptoKeyPath(k);
  const created = isoTime(k.createdMs);
  return {
    name,
    primary: {
      name: `${name}/cryptoKeyVersions/${k.primaryVersion}`,
      state: 'ENABLED',
      createTime: created,
      protectionLevel: k.protectionLevel,
      algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION',
      generateTime: created,
    },
    purpose: 'ENCRYPT_DECRYPT',
    createTime: created,
    nextRotationTime: k.nextRotationMs !== undefined ? isoTime(k.nextRotationMs) : undefined,
    rotationPeriod: k.rotationPeriodSeconds !== undefined ? `${k.rotationPeriodSeconds}s` : undefined,
    versionTemplate: { protectionLevel: k.protectionLevel, algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION' },
    labels: Object.keys(k.labels).length ? k.labels : undefined,
    destroyScheduledDuration: '2592000s',
  };
}

/** Cloud KMS locations, key rings and crypto keys (list/get). */
export const kmsRoutes: GcpRoute[] = [
  {
    method: 'GET',
    path: '/v1/projects/{project}/locations',
    service: 'cloudkms',
    operation: 'projects.locations.list',
    handle(call) {
      const project = requireProject(call).projectId;
      const page = pageOf(call, KMS_LOCATIONS, { defaultSize: 100, maxSize: 1000 });
      return ok({
        locations: page.items.map((l) => ({
          name: `projects/${project}/locations/${l}`,
          locationId: l,
          displayName: l,
        })),
        nextPageToken: page.nextToken,
      });
    },
  },
  {
    method: 'GET',
    path: '/v1/projects/{project}/locations/{location}/keyRings',
    service: 'cloudkms',
    operation: 'projects.locations.keyRings.list',
    handle(call) {
      const project = requireProject(call).projectId;
      const rings = call.estate.kms.keyRings.filter(
        (r) => r.project === project && r.location === call.params['location'],
      );
      const page = pageOf(call, rings, { defaultSize: 1000, maxSize: 1000 });
      return ok({
        keyRings: page.items.length
          ? page.items.map((r) => ({ name: ringName(r), createTime: isoTime(r.createdMs) }))
          : undefined,
        nextPageToken: page.nextToken,
        totalSize: rings.length,
      });
    },
  },
  {
    method: 'GET',
    path: '/v1/projects/{project}/locations/{location}/keyRings/{keyRing}',
    service: 'cloudkms',
    operation: 'projects.locations.keyRings.get',
    handle(call) {
      const ring = requireRing(call);
      return ok({ name: ringName(ring), createTime: isoTime(ring.createdMs) });
    },
  },
  {
    method: 'GET',
    path: '/v1/projects/{project}/locations/{location}/keyRings/{keyRing}/cryptoKeys',
    service: 'cloudkms',
    operation: 'projects.locations.keyRings.cryptoKeys.list',
    handle(call) {
      const ring = requireRing(call);
      const keys = call.estate.kms.cryptoKeys.filter(
        (k) => k.project === ring.project && k.location === ring.location && k.keyRing === ring.name,
      );
      const page = pageOf(call, keys, { defaultSize: 1000, maxSize: 1000 });
      return ok({
        cryptoKeys: page.items.length ? page.items.map(keyJson) : undefined,
        nextPageToken: page.nextToken,
        totalSize: keys.length,
      });
    },
  },
  {
    method: 'GET',
    path: '/v1/projects/{project}/locations/{location}/keyRings/{keyRing}/cryptoKeys/{cryptoKey}',
    service: 'cloudkms',
    operation: 'projects.locations.keyRings.cryptoKeys.get',
    handle(call) {
      const ring = requireRing(call);
      const key = call.estate.kms.cryptoKeys.find(
        (k) =>
          k.project === ring.project &&
          k.location === ring.location &&
          k.keyRing === ring.name &&
          k.name === call.params['cryptoKey'],
      );
      if (!key)
        throw notFound(`CryptoKey ${ringName(ring)}/cryptoKeys/${call.params['cryptoKey']} not found.`);
      return ok(keyJson(key));
    },
  },
];
