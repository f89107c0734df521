import type { SimResponse } from '../../core/http.ts';
import { GcpError, invalid } from '../errors.ts';
import { versionEtag } from '../ids.ts';
import { ok, type GcpCall, type GcpRoute } from '../route.ts';
import { findScoped, requireProject } from './lookup.ts';
import { startOperation } from './operations.ts';
import { setLabels } from './set-labels.ts';
import type { GceSnapshot } from './types.ts';

const MEMBER =
  /^(allUsers|allAuthenticatedUsers|(user|group|serviceAccount|domain|principal|principalSet|deleted):.+)$/;

function snapshotPath(s: Pick<GceSnapshot, 'project' | 'name'>): string {
  return `projects/${s.project}/global/snapshots/${s.name}`;
}

function requireSnapshot(call: GcpCall, param: 'snapshot' | 'resource'): GceSnapshot {
  const project = requireProject(call).projectId;
  const name = call.params[param] ?? '';
  return findScoped(
    call.estate.compute.snapshots,
    project,
    'global',
    name,
    `projects/${call.params['project']}/global/snapshots/${name}`,
  );
}

/** The snapshot's IAM policy: as last set, else the generated grant to `iamMembers`. */
function policyOf(s: GceSnapshot): Record<string, unknown> {
  const bindings =
    s.iamBindings ??
    (s.iamMembers.length ? [{ role: 'roles/compute.storageAdmin', members: s.iamMembers }] : []);
  // A never-set empty policy has the etag Compute Engine gives it.
  if (bindings.length === 0 && s.iamVersion === undefined) return { etag: 'ACAB' };
  const version = s.iamVersion ?? s.iamMembers.length + 1;
  if (bindings.length === 0) return { version: 1, etag: versionEtag(version) };
  return { version: 1, etag: versionEtag(version), bindings };
}

/**
 * snapshots.setIamPolicy (`GlobalSetPolicyRequest`): replaces the whole policy; a stale `etag`
 * is 412. `allAuthenticatedUsers` in any binding is what makes a snapshot public.
 */
function setIamPolicy(call: GcpCall): SimResponse {
  const snapshot = requireSnapshot(call, 'resource');
  const body = call.body();
  const policy = (body['policy'] ?? {}) as Record<string, unknown>;
  if (typeof policy !== 'object' || Array.isArray(policy)) throw invalid("Invalid value for field 'policy'.");
  const etag = policy['etag'] ?? body['etag'];
  if (typeof etag === 'string' && etag !== policyOf(snapshot)['etag'])
    throw new GcpError(412, 'conditionNotMet', 'Precondition Failed', 'FAILED_PRECONDITION');
  const raw = policy['bindings'] ?? body['bindings'] ?? [];
  if (!Array.isArray(raw)) throw invalid("Invalid value for field 'policy.bindings'.");
  const bindings = raw.map((entry: unknown) => {
    const b = (entry ?? {}) as Record<string, unknown>;
    const members = b['members'];
    if (
      typeof b['role'] !== 'string' ||
      !b['role'].startsWith('roles/') ||
      !Array.isArray(members) ||
      members.some((m) => typeof m !== 'string' || !MEMBER.test(m))
    )
      throw invalid("Invalid value for field 'policy.bindings'.");
    return { role: b['role'], members: members as string[] };
  });
  snapshot.iamBindings = bindings.filter((b) => b.members.length > 0);
  snapshot.iamMembers = [...new Set(snapshot.iamBindings.flatMap((b) => b.members))];
  snapshot.iamVersion = (snapshot.iamVersion ?? snapshot.iamMembers.length + 1) + 1;
  return ok(policyOf(snapshot));
}

function deleteSnapshot(call: GcpCall): SimResponse {
  const snapshot = requireSnapshot(call, 'snapshot');
  call.estate.compute.snapshots.delete(snapshot);
  return startOperation(call, {
    project: snapshot.project,
    scope: 'global',
    operationType: 'delete',
    targetLink: snapshotPath(snapshot),
    targetId: snapshot.id,
    durationMs: call.sim.timing.transitionMs,
  });
}

const base = '/compute/v1/projects/{project}/global/snapshots';

/** snapshots.delete, setLabels, getIamPolicy and setIamPolicy. */
export const snapshotWriteRoutes: GcpRoute[] = [
  {
    method: 'DELETE',
    path: `${base}/{snapshot}`,
    service: 'compute',
    operation: 'snapshots.delete',
    mutating: true,
    handle: deleteSnapshot,
  },
  {
    method: 'POST',
    path: `${base}/{resource}/setLabels`,
    service: 'compute',
    operation: 'snapshots.setLabels',
    mutating: true,
    handle(call) {
      const snapshot = requireSnapshot(call, 'resource');
      return setLabels(call, snapshot, 'global', snapshotPath(snapshot));
    },
  },
  {
    method: 'GET',
    path: `${base}/{resource}/getIamPolicy`,
    service: 'compute',
    operation: 'snapshots.getIamPolicy',
    handle: (call) => ok(policyOf(requireSnapshot(call, 'resource'))),
  },
  {
    method: 'POST',
    path: `${base}/{resource}/setIamPolicy`,
    service: 'compute',
    operation: 'snapshots.setIamPolicy',
    mutating: true,
    handle: setIamPolicy,
  },
];
