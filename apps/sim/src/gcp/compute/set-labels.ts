import type { SimResponse } from '../../core/http.ts';
import { GcpError } from '../errors.ts';
import { fingerprint } from '../ids.ts';
import type { GcpCall } from '../route.ts';
import { parseLabels } from './instance-updates.ts';
import { startOperation } from './operations.ts';

/** A labelled Compute Engine record (disk, snapshot, address). */
interface Labelled {
  project: string;
  name: string;
  id: string;
  labels: Record<string, string>;
}

/**
 * `setLabels` as every labelled Compute Engine resource serves it: the body carries the whole new
 * label map and the fingerprint of the labels it replaces (412 `conditionNotMet` when they have
 * changed since), and the answer is an Operation in the resource's scope.
 */
export function setLabels(call: GcpCall, record: Labelled, opScope: string, targetLink: string): SimResponse {
  const body = call.body();
  const labels = parseLabels(body['labels']);
  if (body['labelFingerprint'] !== fingerprint(record.labels)) {
    throw new GcpError(
      412,
      'conditionNotMet',
      'Labels fingerprint either invalid or resource labels have changed',
      'FAILED_PRECONDITION',
      { location: 'If-Match', locationType: 'header' },
    );
  }
  record.labels = labels;
  return startOperation(call, {
    project: record.project,
    scope: opScope,
    operationType: 'setLabels',
    targetLink,
    targetId: record.id,
    durationMs: 0,
  });
}

const NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A new resource's `name` as Compute Engine checks it (required, RFC 1035, ≤ 63 characters). */
export function requireNewName(value: unknown, field = 'resource.name'): string {
  if (value === undefined || value === null || value === '')
    throw new GcpError(400, 'required', `Required field '${field}' not specified`);
  if (typeof value !== 'string' || !NAME.test(value))
    throw new GcpError(
      400,
      'invalid',
      `Invalid value for field '${field}': '${String(value)}'. Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'`,
    );
  return value;
}

/** Compute Engine's answer for deleting something another resource still uses. */
export function inUse(resourcePath: string, user: string): GcpError {
  return new GcpError(
    400,
    'resourceInUseByAnotherResource',
    `The resource '${resourcePath}' is already being used by '${user}'`,
  );
}
