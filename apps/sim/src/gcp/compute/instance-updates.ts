import type { SimResponse } from '../../core/http.ts';
import { isMachineType } from '../catalog.ts';
import { GcpError, invalidField } from '../errors.ts';
import { fingerprint } from '../ids.ts';
import type { GcpCall, GcpRoute } from '../route.ts';
import { instanceLink } from './generate-addresses.ts';
import { requireInstance } from './lookup.ts';
import { startOperation } from './operations.ts';

const KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const VALUE = /^[a-z0-9_-]{0,63}$/;

/** Validates labels as Compute Engine does (at most 64, lower-case keys and values). */
export function parseLabels(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidField('labels', JSON.stringify(value));
  const labels: Record<string, string> = {};
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 64)
    throw invalidField('labels', `${entries.length} labels`, 'Too many labels; the limit is 64.');
  for (const [k, v] of entries) {
    if (!KEY.test(k))
      throw invalidField(
        `labels.${k}`,
        k,
        'Label keys must start with a lowercase letter and contain only lowercase letters, digits, underscores and dashes.',
      );
    if (typeof v !== 'string' || !VALUE.test(v))
      throw invalidField(
        `labels.${k}`,
        String(v),
        'Label values can contain only lowercase letters, digits, underscores and dashes.',
      );
    labels[k] = v;
  }
  return labels;
}

function setLabels(call: GcpCall): SimResponse {
  const inst = requireInstance(call);
  const body = call.body();
  const labels = parseLabels(body['labels']);
  if (body['labelFingerprint'] !== fingerprint(inst.labels)) {
    throw new GcpError(
      412,
      'conditionNotMet',
      'Labels fingerprint either invalid or resource labels have changed',
      'FAILED_PRECONDITION',
      { location: 'If-Match', locationType: 'header' },
    );
  }
  inst.labels = labels;
  return startOperation(call, {
    project: inst.project,
    scope: `zones/${inst.scope}`,
    operationType: 'setLabels',
    targetLink: instanceLink(inst),
    targetId: inst.id,
    durationMs: 0,
  });
}

function setMachineType(call: GcpCall): SimResponse {
  const inst = requireInstance(call);
  const raw = call.body()['machineType'];
  if (typeof raw !== 'string' || raw === '')
    throw new GcpError(400, 'required', "Required field 'resource.machineType' not specified");
  const match = /(?:^|\/)zones\/([^/]+)\/machineTypes\/([^/]+)$/.exec(raw) ?? /^()([^/]+)$/.exec(raw);
  const zone = match?.[1] || inst.scope;
  const name = match?.[2] ?? '';
  if (!match || zone !== inst.scope || !isMachineType(name)) {
    throw invalidField(
      'resource.machineType',
      raw,
      `Machine type with name '${name || raw}' does not exist in zone '${inst.scope}'.`,
    );
  }
  // Only a stopped (TERMINATED) instance can change machine type.
  if (inst.state !== 'TERMINATED')
    throw new GcpError(400, 'resourceNotReady', 'Instance is starting or running.');
  inst.machineType = name;
  return startOperation(call, {
    project: inst.project,
    scope: `zones/${inst.scope}`,
    operationType: 'setMachineType',
    targetLink: instanceLink(inst),
    targetId: inst.id,
    durationMs: 0,
  });
}

const base = '/compute/v1/projects/{project}/zones/{zone}/instances/{instance}';

/** instances.setLabels (fingerprint checked) and instances.setMachineType (TERMINATED only). */
export const instanceUpdateRoutes: GcpRoute[] = [
  {
    method: 'POST',
    path: `${base}/setLabels`,
    service: 'compute',
    operation: 'instances.setLabels',
    mutating: true,
    handle: setLabels,
  },
  {
    method: 'POST',
    path: `${base}/setMachineType`,
    service: 'compute',
    operation: 'instances.setMachineType',
    mutating: true,
    handle: setMachineType,
  },
];
