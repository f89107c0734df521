import type { SimResponse } from '../../core/http.ts';
import { AzureError } from '../arm/errors.ts';
import { accepted, beginOperation } from '../arm/lro.ts';
import { maybeResource, noContent, type ArmRequest } from '../arm/request.ts';
import type { ArmRoute } from '../arm/router.ts';
import { scheduleDelete } from '../estate.ts';
import { T } from '../records.ts';
import { renderDisk, renderSnapshot } from '../render/compute.ts';
import { resourceRoutes, RG } from './kit.ts';
import { snapshotWriteRoutes } from './snapshot-writes.ts';

/** DELETE of a disk or snapshot: 202 and gone after `transitionMs`; attached disks refuse. */
function remove(type: typeof T.disk | typeof T.snapshot): (rc: ArmRequest) => SimResponse {
  return (rc) => {
    const r = maybeResource(rc, type);
    if (!r) return noContent();
    if (r.type === T.disk && r.managedBy) {
      throw new AzureError(409, 'OperationNotAllowed', `Disk ${r.name} is attached to VM ${r.managedBy}.`);
    }
    const at = r.deleteAt ?? rc.now + rc.ctx.timing.transitionMs;
    if (r.deleteAt === undefined) scheduleDelete(rc.az, r, at);
    return accepted(
      rc,
      beginOperation(rc, {
        namespace: 'Microsoft.Compute',
        name: 'delete',
        resourceId: r.id,
        location: r.location,
        durationMs: at - rc.now,
      }),
    );
  };
}

export const diskRoutes: ArmRoute[] = [
  ...resourceRoutes({ service: 'compute', type: T.disk, group: 'disks', render: (_rc, d) => renderDisk(d) }),
  {
    method: 'DELETE',
    path: `${RG}/providers/${T.disk}/{name}`,
    service: 'compute',
    operation: 'disks.delete',
    handle: remove(T.disk),
  },
  ...resourceRoutes({
    service: 'compute',
    type: T.snapshot,
    group: 'snapshots',
    customPatch: true,
    render: (_rc, s) => renderSnapshot(s),
  }),
  ...snapshotWriteRoutes,
  {
    method: 'DELETE',
    path: `${RG}/providers/${T.snapshot}/{name}`,
    service: 'compute',
    operation: 'snapshots.delete',
    handle: remove(T.snapshot),
  },
];
