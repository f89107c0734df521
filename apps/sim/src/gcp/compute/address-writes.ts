import type { SimResponse } from '../../core/http.ts';
import type { GcpCall, GcpRoute } from '../route.ts';
import { scopePath } from './generate-addresses.ts';
import { findScoped, liveInstances, requireProject, requireRegion } from './lookup.ts';
import { startOperation } from './operations.ts';
import { inUse, setLabels } from './set-labels.ts';
import type { GceAddress } from './types.ts';

type Kind = 'regional' | 'global';

function addressPath(a: Pick<GceAddress, 'project' | 'scope' | 'name'>): string {
  return `projects/${a.project}/${scopePath(a.scope)}/addresses/${a.name}`;
}

/** The path's address, after settling instance deletions (which release static addresses). */
function requireAddress(call: GcpCall, kind: Kind, param: 'address' | 'resource'): GceAddress {
  const project = requireProject(call).projectId;
  const scope = kind === 'global' ? 'global' : requireRegion(call);
  liveInstances(call, project);
  const name = call.params[param] ?? '';
  return findScoped(
    call.estate.compute.addresses,
    project,
    scope,
    name,
    `projects/${call.params['project']}/${scopePath(scope)}/addresses/${name}`,
  );
}

/** addresses.delete / globalAddresses.delete: releases the address; refused while in use. */
function release(call: GcpCall, kind: Kind): SimResponse {
  const address = requireAddress(call, kind, 'address');
  const user = address.users[0];
  if (user !== undefined) throw inUse(addressPath(address), user);
  call.estate.compute.addresses.delete(address);
  return startOperation(call, {
    project: address.project,
    scope: scopePath(address.scope),
    operationType: 'delete',
    targetLink: addressPath(address),
    targetId: address.id,
    durationMs: call.sim.timing.transitionMs,
  });
}

function routes(kind: Kind): GcpRoute[] {
  const base =
    kind === 'global'
      ? '/compute/v1/projects/{project}/global/addresses'
      : '/compute/v1/projects/{project}/regions/{region}/addresses';
  const prefix = kind === 'global' ? 'globalAddresses' : 'addresses';
  return [
    {
      method: 'DELETE',
      path: `${base}/{address}`,
      service: 'compute',
      operation: `${prefix}.delete`,
      mutating: true,
      handle: (call) => release(call, kind),
    },
    {
      method: 'POST',
      path: `${base}/{resource}/setLabels`,
      service: 'compute',
      operation: `${prefix}.setLabels`,
      mutating: true,
      handle(call) {
        const address = requireAddress(call, kind, 'resource');
        return setLabels(call, address, scopePath(address.scope), addressPath(address));
      },
    },
  ];
}

/** addresses and globalAddresses delete and setLabels. */
export const addressWriteRoutes: GcpRoute[] = [...routes('regional'), ...routes('global')];
