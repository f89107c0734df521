import { UserError, type Resource, type ResourceType } from '@escher/protocol';

/**
 * The parts of a GCP full resource name (SPEC section 3 native id) an API call needs. Native ids
 * are parsed, never trusted as paths: every part must match its pattern, and only the parts go
 * into SDK request fields.
 */
export interface ComputeRef {
  project: string;
  /** `zones`, `regions` or `global`. */
  scope: 'zones' | 'regions' | 'global';
  /** Zone or region name; undefined for global resources. */
  location: string | undefined;
  collection: string;
  name: string;
}

const SEGMENT = '([A-Za-z0-9][A-Za-z0-9._:@-]*)';
const COMPUTE = new RegExp(
  `^//compute\\.googleapis\\.com/projects/${SEGMENT}/(?:(zones|regions)/${SEGMENT}|global)/([A-Za-z]+)/${SEGMENT}$`,
);
const SQL = new RegExp(`^//sqladmin\\.googleapis\\.com/projects/${SEGMENT}/instances/${SEGMENT}$`);
const BUCKET = /^\/\/storage\.googleapis\.com\/projects\/_\/buckets\/([a-z0-9][a-z0-9._-]{1,221}[a-z0-9])$/;
const CLUSTER = new RegExp(
  `^//container\\.googleapis\\.com/(projects/${SEGMENT}/locations/${SEGMENT}/clusters/${SEGMENT})$`,
);
const FUNCTION = new RegExp(
  `^//cloudfunctions\\.googleapis\\.com/(projects/${SEGMENT}/locations/${SEGMENT}/functions/${SEGMENT})$`,
);
const KEY = new RegExp(
  `^//cloudkms\\.googleapis\\.com/(projects/${SEGMENT}/locations/${SEGMENT}/keyRings/${SEGMENT}/cryptoKeys/${SEGMENT})$`,
);
const SERVICE_ACCOUNT = new RegExp(
  `^//iam\\.googleapis\\.com/(projects/${SEGMENT}/serviceAccounts/${SEGMENT})$`,
);

function badTarget(resource: Resource, expected: string): UserError {
  return new UserError(
    'gcp-operation-target-invalid',
    `${resource.nativeId} is not a ${expected} GCP native id.`,
    { hint: 'Target a resource discovered by the GCP provider (escher sync), by its native id' },
  );
}

/** Refuses a target of another cloud or type than the operation acts on. */
export function requireTarget(resource: Resource, types: readonly ResourceType[], operation: string): void {
  if (resource.cloud !== 'gcp' || !types.includes(resource.type))
    throw new UserError(
      'gcp-operation-target-invalid',
      `${operation} acts on GCP ${types.join(' / ')}, not on ${resource.cloud} ${resource.type} ${resource.name}.`,
      { hint: `Pick targets of type ${types.join(' or ')} on GCP` },
    );
}

/** A Compute Engine resource of `collection` (`instances`, `disks`, `addresses`, …). */
export function computeRef(resource: Resource, collection: string): ComputeRef {
  const m = COMPUTE.exec(resource.nativeId);
  if (!m || m[4] !== collection) throw badTarget(resource, `Compute Engine ${collection}`);
  const scope = (m[2] ?? 'global') as ComputeRef['scope'];
  return { project: m[1]!, scope, location: m[3], collection, name: m[5]! };
}

/** A zonal Compute Engine resource: instances and disks live in zones. */
export function zonalRef(resource: Resource, collection: string): ComputeRef & { location: string } {
  const ref = computeRef(resource, collection);
  if (ref.scope !== 'zones' || !ref.location) throw badTarget(resource, `zonal ${collection}`);
  return { ...ref, location: ref.location };
}

export function sqlRef(resource: Resource): { project: string; instance: string } {
  const m = SQL.exec(resource.nativeId);
  if (!m) throw badTarget(resource, 'Cloud SQL instance');
  return { project: m[1]!, instance: m[2]! };
}

export function bucketRef(resource: Resource): { bucket: string } {
  const m = BUCKET.exec(resource.nativeId);
  if (!m) throw badTarget(resource, 'Cloud Storage bucket');
  return { bucket: m[1]! };
}

/** A GKE cluster: its relative name (`projects/p/locations/l/clusters/c`) as the API takes it. */
export function clusterRef(resource: Resource): { name: string; project: string; location: string } {
  const m = CLUSTER.exec(resource.nativeId);
  if (!m) throw badTarget(resource, 'GKE cluster');
  return { name: m[1]!, project: m[2]!, location: m[3]! };
}

export function functionRef(resource: Resource): { name: string; project: string } {
  const m = FUNCTION.exec(resource.nativeId);
  if (!m) throw badTarget(resource, 'Cloud Functions function');
  return { name: m[1]!, project: m[2]! };
}

export function cryptoKeyRef(resource: Resource): { name: string; project: string } {
  const m = KEY.exec(resource.nativeId);
  if (!m) throw badTarget(resource, 'Cloud KMS crypto key');
  return { name: m[1]!, project: m[2]! };
}

export function serviceAccountRef(resource: Resource): { name: string; project: string } {
  const m = SERVICE_ACCOUNT.exec(resource.nativeId);
  if (!m) throw badTarget(resource, 'IAM service account');
  return { name: m[1]!, project: m[2]! };
}
