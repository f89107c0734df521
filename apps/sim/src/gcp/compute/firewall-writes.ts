import type { SimResponse } from '../../core/http.ts';
import { invalidField } from '../errors.ts';
import type { GcpCall, GcpRoute } from '../route.ts';
import { findScoped, requireProject } from './lookup.ts';
import { startOperation } from './operations.ts';
import type { GceFirewall, GceFirewallRule } from './types.ts';

const CIDR = /^(\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?|[0-9a-fA-F:]+(\/\d{1,3})?)$/;
const PROTOCOL = /^(tcp|udp|icmp|esp|ah|sctp|ipip|all|\d{1,3})$/;
const PORT = /^\d{1,5}(-\d{1,5})?$/;

/**
 * A non-empty list of strings from the patch body, or undefined when absent or empty: in a
 * Compute Engine PATCH an empty repeated field is indistinguishable from an absent one (proto3),
 * so `"sourceRanges": []` leaves the rule's ranges as they are.
 */
function stringList(value: unknown, field: string, pattern: RegExp): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidField(field, JSON.stringify(value));
  for (const v of value) if (typeof v !== 'string' || !pattern.test(v)) throw invalidField(field, String(v));
  return value.length ? (value as string[]) : undefined;
}

function ruleList(value: unknown, field: string): GceFirewallRule[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidField(field, JSON.stringify(value));
  if (value.length === 0) return undefined;
  return value.map((entry: unknown, i) => {
    const r = (entry ?? {}) as Record<string, unknown>;
    const protocol = r['IPProtocol'];
    if (typeof protocol !== 'string' || !PROTOCOL.test(protocol))
      throw invalidField(`${field}[${i}].IPProtocol`, String(protocol));
    const ports = stringList(r['ports'], `${field}[${i}].ports`, PORT);
    return { IPProtocol: protocol, ports };
  });
}

/**
 * firewalls.patch: the fields present replace the rule's (merge semantics); `disabled`,
 * `sourceRanges`, `destinationRanges`, `targetTags`, `allowed`, `denied`, `priority`,
 * `description` and `logConfig` are modelled. Answers with a global Operation.
 */
function patch(call: GcpCall): SimResponse {
  const project = requireProject(call).projectId;
  const name = call.params['firewall'] ?? '';
  const rule: GceFirewall = findScoped(
    call.estate.compute.firewalls,
    project,
    'global',
    name,
    `projects/${call.params['project']}/global/firewalls/${name}`,
  );
  const body = call.body();
  const disabled = body['disabled'];
  if (disabled !== undefined && typeof disabled !== 'boolean')
    throw invalidField('resource.disabled', String(disabled));
  const priority = body['priority'];
  if (
    priority !== undefined &&
    (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0 || priority > 65535)
  )
    throw invalidField('resource.priority', String(priority));
  const sourceRanges = stringList(body['sourceRanges'], 'resource.sourceRanges', CIDR);
  const destinationRanges = stringList(body['destinationRanges'], 'resource.destinationRanges', CIDR);
  const targetTags = stringList(body['targetTags'], 'resource.targetTags', /^[a-z][-a-z0-9]{0,62}$/);
  const allowed = ruleList(body['allowed'], 'resource.allowed');
  const denied = ruleList(body['denied'], 'resource.denied');
  if (allowed && denied) throw invalidField('resource.denied', 'set', 'A rule either allows or denies.');
  // Every check passed: apply the whole patch at once.
  if (typeof disabled === 'boolean') rule.disabled = disabled;
  if (typeof priority === 'number') rule.priority = priority;
  if (sourceRanges) rule.sourceRanges = sourceRanges;
  if (destinationRanges) rule.destinationRanges = destinationRanges;
  if (targetTags) rule.targetTags = targetTags;
  if (allowed) [rule.allowed, rule.denied] = [allowed, undefined];
  if (denied) [rule.denied, rule.allowed] = [denied, undefined];
  if (typeof body['description'] === 'string') rule.description = body['description'];
  const log = body['logConfig'] as Record<string, unknown> | undefined;
  if (log && typeof log['enable'] === 'boolean') rule.logConfig = log['enable'];
  return startOperation(call, {
    project,
    scope: 'global',
    operationType: 'patch',
    targetLink: `projects/${project}/global/firewalls/${rule.name}`,
    targetId: rule.id,
    durationMs: 0,
  });
}

/** firewalls.patch. */
export const firewallWriteRoutes: GcpRoute[] = [
  {
    method: 'PATCH',
    path: '/compute/v1/projects/{project}/global/firewalls/{firewall}',
    service: 'compute',
    operation: 'firewalls.patch',
    mutating: true,
    handle: patch,
  },
];
