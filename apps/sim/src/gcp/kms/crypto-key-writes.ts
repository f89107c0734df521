import type { SimResponse } from '../../core/http.ts';
import { parseLabels } from '../compute/instance-updates.ts';
import { GcpError, notFound } from '../errors.ts';
import { ok, type GcpCall, type GcpRoute } from '../route.ts';
import { keyJson, requireRing, ringName } from './routes.ts';

const DAY_S = 86_400;
const MAX_PERIOD_S = 876_000 * 3_600;

function badRequest(message: string): GcpError {
  return new GcpError(400, 'badRequest', message, 'INVALID_ARGUMENT');
}

/** `"7776000s"` (proto Duration JSON) as whole seconds; undefined when unset. */
function durationSeconds(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const match = typeof value === 'string' ? /^(\d+)(\.\d+)?s$/.exec(value) : null;
  if (!match) throw badRequest(`Invalid value at 'crypto_key.rotation_period' (${String(value)}).`);
  return Number(match[1]);
}

function timestampMs(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms))
    throw badRequest(`Invalid value at 'crypto_key.next_rotation_time' (${String(value)}).`);
  return ms;
}

/** `rotation_period` / `rotationPeriod` → `rotationPeriod`: REST masks arrive in either case. */
function camel(path: string): string {
  return path.trim().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * cryptoKeys.patch with an `updateMask` of `rotationPeriod`, `nextRotationTime` and/or `labels`.
 * A field named in the mask but absent from the body is cleared (that is how rotation is turned
 * off). A rotation period needs a next rotation time, at least a day and at most 100 years.
 */
function patch(call: GcpCall): SimResponse {
  const ring = requireRing(call);
  const key = call.estate.kms.cryptoKeys.find(
    (k) =>
      k.project === ring.project &&
      k.location === ring.location &&
      k.keyRing === ring.name &&
      k.name === call.params['cryptoKey'],
  );
  if (!key) throw notFound(`CryptoKey ${ringName(ring)}/cryptoKeys/${call.params['cryptoKey']} not found.`);
  const mask = (call.query.get('updateMask') ?? '').split(',').filter(Boolean).map(camel);
  if (mask.length === 0) throw badRequest('The request must specify an update_mask.');
  const body = call.body();
  let period = key.rotationPeriodSeconds;
  let next = key.nextRotationMs;
  let labels = key.labels;
  for (const field of mask) {
    if (field === 'rotationPeriod') period = durationSeconds(body['rotationPeriod']);
    else if (field === 'nextRotationTime') next = timestampMs(body['nextRotationTime']);
    else if (field === 'labels') labels = parseLabels(body['labels']);
    else throw badRequest(`The update_mask path '${field}' is not supported for CryptoKey.`);
  }
  if (period !== undefined && (period < DAY_S || period > MAX_PERIOD_S))
    throw badRequest('The rotation period must be at least 24 hours and at most 876000 hours.');
  if (period !== undefined && next === undefined)
    throw badRequest('A rotation period requires a next rotation time.');
  key.rotationPeriodSeconds = period;
  key.nextRotationMs = next;
  key.labels = labels;
  return ok(keyJson(key));
}

/** cryptoKeys.patch (rotation schedule and labels). */
export const cryptoKeyWriteRoutes: GcpRoute[] = [
  {
    method: 'PATCH',
    path: '/v1/projects/{project}/locations/{location}/keyRings/{keyRing}/cryptoKeys/{cryptoKey}',
    service: 'cloudkms',
    operation: 'projects.locations.keyRings.cryptoKeys.patch',
    mutating: true,
    handle: patch,
  },
];
