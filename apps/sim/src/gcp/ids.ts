import { createHash } from 'node:crypto';
import type { Rng } from '../core/rng.ts';

/**
 * Identifier and timestamp formats Google uses, and the GCP full resource names (SPEC section 3
 * native ids) of everything the simulator generates:
 *
 * - `//compute.googleapis.com/projects/{p}/zones/{z}/instances/{name}` (also `disks`)
 * - `//compute.googleapis.com/projects/{p}/global/{snapshots|firewalls|networks}/{name}`
 * - `//compute.googleapis.com/projects/{p}/regions/{r}/{subnetworks|addresses|forwardingRules}/{name}`
 *   (global addresses and forwarding rules: `projects/{p}/global/…`)
 * - `//storage.googleapis.com/projects/_/buckets/{bucket}`
 * - `//sqladmin.googleapis.com/projects/{p}/instances/{instance}`
 * - `//container.googleapis.com/projects/{p}/locations/{location}/clusters/{cluster}`
 * - `//cloudfunctions.googleapis.com/projects/{p}/locations/{region}/functions/{function}`
 * - `//cloudkms.googleapis.com/projects/{p}/locations/{l}/keyRings/{ring}/cryptoKeys/{key}`
 * - `//iam.googleapis.com/projects/{p}/serviceAccounts/{email}`
 */
export function fullName(service: string, path: string): string {
  return `//${service}.googleapis.com/${path}`;
}

export function computeFullName(path: string): string {
  return fullName('compute', path);
}

/** A Compute Engine uint64 id: 19 decimal digits, sent as a string. */
export function computeId(rng: Rng): string {
  return rng.digits(19);
}

/** Fingerprint of empty labels, exactly as Compute Engine reports it. */
const EMPTY_FINGERPRINT = '42WmSpB8rSM=';

/** An 8-byte base64 fingerprint of a value (labels, metadata, tags): changes whenever it does. */
export function fingerprint(value: Record<string, string> | readonly string[]): string {
  const keys = Array.isArray(value) ? value : Object.keys(value);
  if (keys.length === 0) return EMPTY_FINGERPRINT;
  const canonical = Array.isArray(value)
    ? JSON.stringify(value)
    : JSON.stringify(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return createHash('sha256').update(canonical).digest().subarray(0, 8).toString('base64');
}

/** An etag of the kind Cloud Storage and IAM policies carry (`CAE=` for version 1). */
export function versionEtag(version: number): string {
  const bytes: number[] = [0x08];
  let v = version;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v) b |= 0x80;
    bytes.push(b);
  } while (v);
  return Buffer.from(bytes).toString('base64');
}

/**
 * Compute Engine timestamps are RFC 3339 in Pacific time with milliseconds:
 * `2024-03-02T10:11:12.345-08:00`.
 */
export function gceTime(ms: number): string {
  const offsetHours = pacificDaylight(ms) ? -7 : -8;
  const local = new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 23);
  return `${local}-0${-offsetHours}:00`;
}

/** RFC 3339 UTC, as most Google APIs other than Compute Engine report times. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** US daylight saving: second Sunday of March 10:00 UTC to first Sunday of November 09:00 UTC. */
function pacificDaylight(ms: number): boolean {
  const year = new Date(ms).getUTCFullYear();
  const start = nthSunday(year, 2, 2) + 10 * 3_600_000;
  const end = nthSunday(year, 10, 1) + 9 * 3_600_000;
  return ms >= start && ms < end;
}

function nthSunday(year: number, month: number, n: number): number {
  const first = Date.UTC(year, month, 1);
  const weekday = new Date(first).getUTCDay();
  return first + (((7 - weekday) % 7) + (n - 1) * 7) * 86_400_000;
}
