import type { SimResponse } from '../../core/http.ts';
import { begin } from '../../core/transition.ts';
import { GcpError } from '../errors.ts';
import type { GcpCall, GcpRoute } from '../route.ts';
import { instanceLink } from './generate-addresses.ts';
import { requireInstance, settleInstance } from './lookup.ts';
import { startOperation } from './operations.ts';
import type { GceInstance } from './types.ts';

function notReady(inst: GceInstance): GcpError {
  return new GcpError(400, 'resourceNotReady', `The resource '${instanceLink(inst)}' is not ready`);
}

/** An operation on the instance finishing after `durationMs` of simulated time. */
function instanceOperation(
  call: GcpCall,
  inst: GceInstance,
  operationType: string,
  durationMs: number,
): SimResponse {
  return startOperation(call, {
    project: inst.project,
    scope: `zones/${inst.scope}`,
    operationType,
    targetLink: instanceLink(inst),
    targetId: inst.id,
    durationMs,
  });
}

/** Time left on a transition already under way (0 when none). */
function remaining(call: GcpCall, inst: GceInstance): number {
  return inst.pending ? Math.max(0, inst.pending.at - call.now) : 0;
}

function stop(call: GcpCall): SimResponse {
  const inst = requireInstance(call);
  const t = call.sim.timing.transitionMs;
  if (inst.state === 'TERMINATED' || inst.state === 'STOPPING')
    return instanceOperation(call, inst, 'stop', remaining(call, inst));
  begin(inst, 'STOPPING', 'TERMINATED', t, call.sim.clock);
  inst.lastStopMs = call.now + t;
  return instanceOperation(call, inst, 'stop', t);
}

function start(call: GcpCall): SimResponse {
  const inst = requireInstance(call);
  const t = call.sim.timing.transitionMs;
  if (inst.state === 'STOPPING') throw notReady(inst);
  if (inst.state === 'RUNNING' || inst.state === 'STAGING' || inst.state === 'PROVISIONING')
    return instanceOperation(call, inst, 'start', remaining(call, inst));
  begin(inst, 'STAGING', 'RUNNING', t, call.sim.clock);
  inst.lastStartMs = call.now;
  return instanceOperation(call, inst, 'start', t);
}

function reset(call: GcpCall): SimResponse {
  const inst = requireInstance(call);
  if (inst.state !== 'RUNNING') throw notReady(inst);
  inst.lastStartMs = call.now;
  return instanceOperation(call, inst, 'reset', call.sim.timing.transitionMs);
}

function remove(call: GcpCall): SimResponse {
  const inst = requireInstance(call);
  if (inst.deletionProtection) {
    throw new GcpError(
      400,
      'resourceInUseByAnotherResource',
      "Invalid resource usage: 'Resource cannot be deleted if it's protected against deletion.'.",
    );
  }
  const t = call.sim.timing.transitionMs;
  const response = instanceOperation(call, inst, 'delete', t);
  begin(inst, 'STOPPING', 'DELETED', t, call.sim.clock);
  settleInstance(call.estate, inst, call);
  return response;
}

const base = '/compute/v1/projects/{project}/zones/{zone}/instances/{instance}';

/** instances.start/stop/reset/delete: state changes on the simulated clock, answered with an Operation. */
export const instanceActionRoutes: GcpRoute[] = [
  {
    method: 'POST',
    path: `${base}/stop`,
    service: 'compute',
    operation: 'instances.stop',
    mutating: true,
    handle: stop,
  },
  {
    method: 'POST',
    path: `${base}/start`,
    service: 'compute',
    operation: 'instances.start',
    mutating: true,
    handle: start,
  },
  {
    method: 'POST',
    path: `${base}/reset`,
    service: 'compute',
    operation: 'instances.reset',
    mutating: true,
    handle: reset,
  },
  {
    method: 'DELETE',
    path: base,
    service: 'compute',
    operation: 'instances.delete',
    mutating: true,
    handle: remove,
  },
];
