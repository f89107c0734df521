import { GcpError, invalid, notFound } from '../errors.ts';
import { findProject, type GcpEstate } from '../estate.ts';
import { pageOf, type PageOptions } from '../paging.ts';
import { ok, type GcpCall, type GcpRoute } from '../route.ts';
import { bucketJson, policyJson } from './render.ts';
import type { GcsBucket, IamBinding } from './types.ts';

/** The bucket in the path, or Cloud Storage's 404. */
export function requireBucket(call: GcpCall): GcsBucket {
  const bucket = call.estate.storage.buckets.get(call.params['bucket'] ?? '');
  if (!bucket) throw notFound('The specified bucket does not exist.');
  return bucket;
}

/** Account and region of a bucket call: the bucket's project and (lower-cased) location. */
export function bucketScope(
  params: Record<string, string>,
  estate: GcpEstate,
): { account?: string; region?: string } {
  const bucket = estate.storage.buckets.get(params['bucket'] ?? '');
  return bucket
    ? { account: bucket.project, region: bucket.location.toLowerCase() }
    : { account: '', region: 'global' };
}

/** Cloud Storage lists: `maxResults` up to 1000, its own message for a foreign token. */
export const GCS_PAGING: PageOptions = {
  defaultSize: 1000,
  maxSize: 1000,
  sizeParam: 'maxResults',
  invalidToken: () => invalid('Invalid page token.'),
};

function checkMetageneration(call: GcpCall, bucket: GcsBucket): void {
  const match = call.query.get('ifMetagenerationMatch');
  if (match !== null && match !== String(bucket.metageneration))
    throw new GcpError(412, 'conditionNotMet', 'Precondition Failed');
}

function list(call: GcpCall) {
  const projectParam = call.query.get('project');
  if (!projectParam) throw new GcpError(400, 'required', 'Required parameter: project');
  const project = findProject(call.estate, projectParam);
  if (!project) throw invalid(`Unknown project id: ${projectParam}`);
  const prefix = call.query.get('prefix') ?? '';
  const buckets = [...call.estate.storage.buckets.values()]
    .filter((b) => b.project === project.projectId && b.name.startsWith(prefix))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const page = pageOf(call, buckets, GCS_PAGING);
  return ok({
    kind: 'storage#buckets',
    nextPageToken: page.nextToken,
    items: page.items.length ? page.items.map((b) => bucketJson(call.base, b)) : undefined,
  });
}

/** PATCH semantics: labels merge (null deletes a key), versioning, iamConfiguration and encryption replace fields. */
function patch(call: GcpCall) {
  const bucket = requireBucket(call);
  checkMetageneration(call, bucket);
  const body = call.body();
  const labels = body['labels'];
  if (labels !== undefined) {
    if (labels === null) bucket.labels = {};
    else if (typeof labels === 'object' && !Array.isArray(labels)) {
      for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
        if (v === null) delete bucket.labels[k];
        else if (typeof v === 'string' && /^[a-z][a-z0-9_-]{0,62}$/.test(k) && /^[a-z0-9_-]{0,63}$/.test(v))
          bucket.labels[k] = v;
        else throw invalid(`Invalid argument: label ${k}=${String(v)}`);
      }
    } else throw invalid('Invalid argument: labels');
  }
  const versioning = body['versioning'];
  if (versioning !== undefined) {
    const enabled =
      versioning && typeof versioning === 'object'
        ? (versioning as Record<string, unknown>)['enabled']
        : undefined;
    bucket.versioning = enabled === true;
  }
  const iamConfiguration = body['iamConfiguration'];
  if (iamConfiguration && typeof iamConfiguration === 'object') {
    const cfg = iamConfiguration as Record<string, unknown>;
    const pap = cfg['publicAccessPrevention'];
    if (pap === 'enforced' || pap === 'inherited') bucket.publicAccessPrevention = pap;
    else if (pap !== undefined) throw invalid(`Invalid argument: publicAccessPrevention ${String(pap)}`);
    const ubla = cfg['uniformBucketLevelAccess'] as Record<string, unknown> | undefined;
    if (ubla && typeof ubla['enabled'] === 'boolean') bucket.uniformAccess = ubla['enabled'];
  }
  if (body['encryption'] !== undefined) bucket.kmsKeyName = defaultKmsKey(call, body['encryption']);
  bucket.metageneration++;
  bucket.updatedMs = call.now;
  return ok(bucketJson(call.base, bucket));
}

const KMS_KEY = /^projects\/([^/]+)\/locations\/([^/]+)\/keyRings\/([^/]+)\/cryptoKeys\/([^/]+)$/;

/**
 * The default KMS key a patch's `encryption` sets: null (or no `defaultKmsKeyName`) goes back to
 * Google-managed keys; a key must exist in the estate, as Cloud Storage checks when it is set.
 */
function defaultKmsKey(call: GcpCall, encryption: unknown): string | undefined {
  if (encryption === null) return undefined;
  if (typeof encryption !== 'object' || Array.isArray(encryption))
    throw invalid('Invalid argument: encryption');
  const name = (encryption as Record<string, unknown>)['defaultKmsKeyName'];
  if (name === undefined || name === null || name === '') return undefined;
  const m = typeof name === 'string' ? KMS_KEY.exec(name) : null;
  const exists =
    m &&
    call.estate.kms.cryptoKeys.some(
      (k) => k.project === m[1] && k.location === m[2] && k.keyRing === m[3] && k.name === m[4],
    );
  if (!exists)
    throw invalid(`Invalid argument: the Cloud KMS key ${String(name)} does not exist or is not accessible.`);
  return name as string;
}

const MEMBER =
  /^(allUsers|allAuthenticatedUsers|(user|group|serviceAccount|domain|projectOwner|projectEditor|projectViewer|principal|principalSet|deleted):.+)$/;

function setIamPolicy(call: GcpCall) {
  const bucket = requireBucket(call);
  const body = call.body();
  if (typeof body['etag'] === 'string' && body['etag'] !== policyJson(bucket)['etag'])
    throw new GcpError(412, 'conditionNotMet', 'Precondition Failed');
  const raw = body['bindings'];
  if (raw !== undefined && !Array.isArray(raw)) throw invalid('Invalid argument.');
  const bindings: IamBinding[] = [];
  for (const entry of (raw ?? []) as unknown[]) {
    const b = entry as Record<string, unknown>;
    const role = b?.['role'];
    const members = b?.['members'];
    if (
      typeof role !== 'string' ||
      !role.startsWith('roles/') ||
      !Array.isArray(members) ||
      members.some((m) => typeof m !== 'string' || !MEMBER.test(m))
    ) {
      throw invalid('Invalid argument.');
    }
    bindings.push({ role, members: members as string[] });
  }
  const isPublic = bindings.some((b) =>
    b.members.some((m) => m === 'allUsers' || m === 'allAuthenticatedUsers'),
  );
  if (isPublic && bucket.publicAccessPrevention === 'enforced') {
    throw new GcpError(
      412,
      'conditionNotMet',
      'The member bindings allUsers and allAuthenticatedUsers are not allowed since public access prevention is enforced.',
    );
  }
  bucket.iam = { version: typeof body['version'] === 'number' ? body['version'] : 1, bindings };
  bucket.metageneration++;
  bucket.updatedMs = call.now;
  return ok(policyJson(bucket));
}

const scope = bucketScope;

/** buckets.list/get/patch/getIamPolicy/setIamPolicy of the Cloud Storage JSON API. */
export const bucketRoutes: GcpRoute[] = [
  {
    method: 'GET',
    path: '/storage/v1/b',
    service: 'storage',
    operation: 'buckets.list',
    scope: (_p, estate, query) => ({
      account: findProject(estate, query.get('project') ?? '')?.projectId ?? query.get('project') ?? '',
      region: 'global',
    }),
    handle: list,
  },
  {
    method: 'GET',
    path: '/storage/v1/b/{bucket}',
    service: 'storage',
    operation: 'buckets.get',
    scope,
    handle: (call) => ok(bucketJson(call.base, requireBucket(call))),
  },
  {
    method: 'PATCH',
    path: '/storage/v1/b/{bucket}',
    service: 'storage',
    operation: 'buckets.patch',
    mutating: true,
    scope,
    handle: patch,
  },
  {
    method: 'GET',
    path: '/storage/v1/b/{bucket}/iam',
    service: 'storage',
    operation: 'buckets.getIamPolicy',
    scope,
    handle: (call) => ok(policyJson(requireBucket(call))),
  },
  {
    method: 'PUT',
    path: '/storage/v1/b/{bucket}/iam',
    service: 'storage',
    operation: 'buckets.setIamPolicy',
    mutating: true,
    scope,
    handle: setIamPolicy,
  },
];
