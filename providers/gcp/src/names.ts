/**
 * GCP full resource names (SPEC section 3 native ids) and the small conversions every normaliser
 * needs. Compute Engine records link to each other by self link
 * (`https://compute.googleapis.com/compute/v1/projects/p/zones/z/disks/d`, on whatever host served
 * them); the native id is the relative part after the API version, prefixed with the service:
 * `//compute.googleapis.com/projects/p/zones/z/disks/d`.
 */

/** `//{service}.googleapis.com/{relative}`. */
export function fullName(service: string, relative: string): string {
  return `//${service}.googleapis.com/${relative}`;
}

/** The `projects/…` part of a self link or relative link, without query string. */
export function relativeName(link: string): string | undefined {
  const match = /(?:^|\/)(projects\/[^?#]+)/.exec(link);
  return match?.[1];
}

/** The Compute Engine full resource name a self link (or relative link) points at. */
export function computeIdOf(link: string | null | undefined): string | undefined {
  const relative = link ? relativeName(link) : undefined;
  return relative ? fullName('compute', relative) : undefined;
}

/** Last path segment of a link (`…/machineTypes/e2-medium` → `e2-medium`). */
export function lastSegment(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  const parts = link.split('/');
  return parts[parts.length - 1] || undefined;
}

/** `us-central1-a` → `us-central1`. */
export function regionOfZone(zone: string): string {
  return zone.replace(/-[a-z]$/, '');
}

/**
 * The IAM full name of a service account from its email. The project is in the email for
 * user-managed (`x@PROJECT.iam.gserviceaccount.com`) and App Engine default
 * (`PROJECT@appspot.gserviceaccount.com`) accounts; the Compute Engine default account
 * (`NUMBER-compute@developer.gserviceaccount.com`) belongs to the project using it. Google-managed
 * agents (`…@gcp-sa-….iam.gserviceaccount.com`, `…@cloudservices…`) are no discoverable resource.
 */
export function serviceAccountId(email: string | null | undefined, project: string): string | undefined {
  if (!email || email === 'default') return undefined;
  const [, domain] = email.split('@');
  if (!domain) return undefined;
  let owner: string | undefined;
  if (domain === 'developer.gserviceaccount.com' && email.includes('-compute@')) owner = project;
  else if (domain === 'appspot.gserviceaccount.com') owner = email.split('@')[0];
  else if (domain.endsWith('.iam.gserviceaccount.com') && !domain.startsWith('gcp-sa-'))
    owner = domain.slice(0, -'.iam.gserviceaccount.com'.length);
  return owner ? fullName('iam', `projects/${owner}/serviceAccounts/${email}`) : undefined;
}

/** A Cloud KMS crypto key's full name from a key or key-version name. */
export function kmsKeyId(name: string | null | undefined): string | undefined {
  const relative = name ? relativeName(name.replace(/\/cryptoKeyVersions\/[^/]+$/, '')) : undefined;
  return relative ? fullName('cloudkms', relative) : undefined;
}

/** A protobuf Timestamp `{seconds, nanos}` or an RFC 3339 string as ISO 8601 UTC. */
export function isoTime(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  let ms: number;
  if (typeof value === 'object' && 'seconds' in value) {
    const { seconds, nanos } = value as { seconds?: unknown; nanos?: unknown };
    ms = Number(toNumber(seconds) ?? 0) * 1000 + Math.floor((toNumber(nanos) ?? 0) / 1e6);
  } else {
    ms = Date.parse(String(value));
  }
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** int64 fields arrive as strings, numbers or Long objects depending on the transport. */
export function toNumber(value: unknown): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const n = Number(typeof value === 'object' ? String(value) : value);
  return Number.isFinite(n) ? n : undefined;
}

/** Labels as a plain string map (protobuf maps may be null or carry non-string values). */
export function labelsOf(labels: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels ?? {})) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}

/** A protobuf Duration (`{seconds}` or `"60s"`) in seconds. */
export function durationSeconds(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return Number.parseFloat(value) || undefined;
  const seconds = (value as { seconds?: unknown }).seconds;
  return seconds === undefined || seconds === null ? undefined : Number(String(seconds));
}
