import type { SimResponse } from '../../core/http.ts';
import { begin, settle } from '../../core/transition.ts';
import { AzureError } from '../arm/errors.ts';
import { accepted, beginOperation, operationHeaders } from '../arm/lro.ts';
import {
  jsonBody,
  listPage,
  maybeResource,
  noContent,
  ok,
  requireResource,
  requireSubscription,
  scoped,
  type ArmRequest,
} from '../arm/request.ts';
import type { ArmRoute } from '../arm/router.ts';
import { resourcesOfType, scheduleDelete } from '../estate.ts';
import { VM_SIZES } from '../gen/compute.ts';
import type { VmPower, VmRecord } from '../records.ts';
import { T } from '../records.ts';
import { renderInstanceView, renderVm } from '../render/compute.ts';
import { parseTags, RG, SUB } from './kit.ts';

const VMS = `${RG}/providers/${T.vm}`;
const VM = `${VMS}/{name}`;
const NS = 'Microsoft.Compute';

/** Where a VM's power state is heading: a transition counts as already arrived. */
function heading(state: VmPower): VmPower {
  return state === 'starting'
    ? 'running'
    : state === 'stopping'
      ? 'stopped'
      : state === 'deallocating'
        ? 'deallocated'
        : state;
}

function render(rc: ArmRequest, vm: VmRecord): unknown {
  const expand =
    (rc.req.query.get('$expand') ?? '').toLowerCase() === 'instanceview' ||
    rc.req.query.get('statusOnly') === 'true';
  return renderVm(rc.az, vm, rc.ctx.clock, { instanceView: expand });
}

function list(rc: ArmRequest): SimResponse {
  return listPage(rc, scoped(rc, resourcesOfType(rc.az, T.vm)), (vm) => render(rc, vm));
}

function listByLocation(rc: ArmRequest): SimResponse {
  const location = (rc.params['location'] ?? '').toLowerCase();
  return listPage(
    rc,
    scoped(rc, resourcesOfType(rc.az, T.vm)).filter((vm) => vm.location === location),
    (vm) => render(rc, vm),
  );
}

type Action = 'start' | 'deallocate' | 'powerOff' | 'restart';

/**
 * A power action as Compute runs it: 202 with the operation's headers; the VM passes through the
 * intermediate state (starting, stopping, deallocating) for `transitionMs` of simulated time.
 * Invalid transitions get Compute's own 409 OperationNotAllowed.
 */
function powerAction(action: Action): (rc: ArmRequest) => SimResponse {
  return (rc) => {
    const vm = requireResource(rc, T.vm);
    if (vm.deleteAt !== undefined) {
      throw new AzureError(
        409,
        'OperationNotAllowed',
        `Operation '${action}' is not allowed on VM '${vm.name}' since the VM is marked for deletion. You can only retry the Delete operation (or wait for an ongoing one to complete).`,
      );
    }
    const target = heading(settle(vm.power, rc.ctx.clock).state);
    const duration = rc.ctx.timing.transitionMs;
    let ms = 0;
    switch (action) {
      case 'start':
        if (target !== 'running') {
          begin(vm.power, 'starting', 'running', duration, rc.ctx.clock);
          ms = duration;
        }
        break;
      case 'deallocate':
        if (target !== 'deallocated') {
          begin(vm.power, 'deallocating', 'deallocated', duration, rc.ctx.clock);
          ms = duration;
        }
        break;
      case 'powerOff':
        if (target === 'deallocated') {
          throw new AzureError(
            409,
            'OperationNotAllowed',
            `Operation 'powerOff' is not allowed on VM '${vm.name}' since the VM is either deallocated or marked to be deallocated.`,
          );
        }
        if (target !== 'stopped') {
          begin(vm.power, 'stopping', 'stopped', duration, rc.ctx.clock);
          ms = duration;
        }
        break;
      case 'restart':
        if (target === 'deallocated') {
          throw new AzureError(
            409,
            'OperationNotAllowed',
            `Operation 'restart' is not allowed on VM '${vm.name}' since the VM is either deallocated or marked to be deallocated.`,
          );
        }
        if (target !== 'running')
          throw new AzureError(
            409,
            'OperationNotAllowed',
            'The operation requires the VM to be running (or set to run).',
          );
        begin(vm.power, 'starting', 'running', duration, rc.ctx.clock);
        ms = duration;
        break;
    }
    return accepted(
      rc,
      beginOperation(rc, {
        namespace: NS,
        name: action,
        resourceId: vm.id,
        location: vm.location,
        durationMs: ms,
      }),
    );
  };
}

function remove(rc: ArmRequest): SimResponse {
  const vm = maybeResource(rc, T.vm);
  if (!vm) return noContent();
  const at = vm.deleteAt ?? rc.now + rc.ctx.timing.transitionMs;
  if (vm.deleteAt === undefined) {
    if (vm.power.state !== 'deallocated')
      begin(vm.power, 'deallocating', 'deallocated', rc.ctx.timing.transitionMs, rc.ctx.clock);
    scheduleDelete(rc.az, vm, at);
  }
  return accepted(
    rc,
    beginOperation(rc, {
      namespace: NS,
      name: 'delete',
      resourceId: vm.id,
      location: vm.location,
      durationMs: at - rc.now,
    }),
  );
}

/**
 * PUT (createOrUpdate) and PATCH (update) of an existing VM: tags and hardwareProfile.vmSize are
 * applied. A resize answers 200 with provisioningState Updating and an Azure-AsyncOperation header.
 */
function update(replace: boolean): (rc: ArmRequest) => SimResponse {
  return (rc) => {
    const vm = maybeResource(rc, T.vm);
    if (!vm) {
      if (replace)
        throw new AzureError(
          409,
          'OperationNotAllowed',
          'escher-sim updates existing virtual machines; it does not create new ones.',
        );
      requireResource(rc, T.vm);
      return noContent();
    }
    const body = jsonBody(rc);
    const properties = body['properties'];
    const hardware =
      typeof properties === 'object' && properties !== null
        ? (properties as Record<string, unknown>)['hardwareProfile']
        : undefined;
    const size =
      typeof hardware === 'object' && hardware !== null
        ? (hardware as Record<string, unknown>)['vmSize']
        : undefined;
    if (
      size !== undefined &&
      (typeof size !== 'string' || !VM_SIZES.some((s) => s.toLowerCase() === size.toLowerCase()))
    ) {
      throw new AzureError(
        400,
        'InvalidParameter',
        `The value ${String(size)} provided for the VM size is not valid. The valid sizes in the current region are: ${VM_SIZES.join(',')}.`,
        [{ code: 'InvalidParameter', message: 'vmSize', target: 'vmSize' }],
      );
    }
    if (body['tags'] !== undefined || replace) vm.tags = parseTags(body['tags'] ?? {});
    const resize = typeof size === 'string' && size.toLowerCase() !== vm.size.toLowerCase();
    if (!resize) return ok(render(rc, vm));
    vm.size = VM_SIZES.find((s) => s.toLowerCase() === size.toLowerCase())!;
    const running = heading(settle(vm.power, rc.ctx.clock).state) === 'running';
    const duration = rc.ctx.timing.transitionMs;
    vm.updatingUntil = rc.now + duration;
    // Resizing a running VM restarts it.
    if (running) begin(vm.power, 'starting', 'running', duration, rc.ctx.clock);
    const op = beginOperation(rc, {
      namespace: NS,
      name: 'resize',
      resourceId: vm.id,
      location: vm.location,
      durationMs: duration,
    });
    const { 'Azure-AsyncOperation': asyncOperation } = operationHeaders(rc, op);
    return ok(render(rc, vm), 200, duration > 0 ? { 'Azure-AsyncOperation': asyncOperation! } : {});
  };
}

function vmSizes(rc: ArmRequest): SimResponse {
  requireResource(rc, T.vm);
  return ok({ value: VM_SIZES.map(sizeSpec) });
}

function locationSizes(rc: ArmRequest): SimResponse {
  requireSubscription(rc);
  return ok({ value: VM_SIZES.map(sizeSpec) });
}

function sizeSpec(name: string): Record<string, unknown> {
  const cores = Number(/(\d+)/.exec(name.replace('Standard_', ''))?.[1] ?? 2);
  return {
    name,
    numberOfCores: cores,
    osDiskSizeInMB: 1047552,
    resourceDiskSizeInMB: cores * 8192,
    memoryInMB: cores * (name.includes('_E') ? 8192 : 4096),
    maxDataDiskCount: cores * 2,
  };
}

export const vmRoutes: ArmRoute[] = [
  {
    method: 'GET',
    path: `${SUB}/providers/${T.vm}`,
    service: 'compute',
    operation: 'virtualMachines.listAll',
    handle: list,
  },
  { method: 'GET', path: VMS, service: 'compute', operation: 'virtualMachines.list', handle: list },
  {
    method: 'GET',
    path: `${SUB}/providers/${NS}/locations/{location}/virtualMachines`,
    service: 'compute',
    operation: 'virtualMachines.listByLocation',
    handle: listByLocation,
  },
  {
    method: 'GET',
    path: `${SUB}/providers/${NS}/locations/{location}/vmSizes`,
    service: 'compute',
    operation: 'virtualMachineSizes.list',
    handle: locationSizes,
  },
  {
    method: 'GET',
    path: VM,
    service: 'compute',
    operation: 'virtualMachines.get',
    handle: (rc) => ok(render(rc, requireResource(rc, T.vm))),
  },
  {
    method: 'GET',
    path: `${VM}/instanceView`,
    service: 'compute',
    operation: 'virtualMachines.instanceView',
    handle: (rc) => ok(renderInstanceView(rc.az, requireResource(rc, T.vm), rc.ctx.clock)),
  },
  {
    method: 'GET',
    path: `${VM}/vmSizes`,
    service: 'compute',
    operation: 'virtualMachines.listAvailableSizes',
    handle: vmSizes,
  },
  {
    method: 'POST',
    path: `${VM}/start`,
    service: 'compute',
    operation: 'virtualMachines.start',
    handle: powerAction('start'),
  },
  {
    method: 'POST',
    path: `${VM}/deallocate`,
    service: 'compute',
    operation: 'virtualMachines.deallocate',
    handle: powerAction('deallocate'),
  },
  {
    method: 'POST',
    path: `${VM}/powerOff`,
    service: 'compute',
    operation: 'virtualMachines.powerOff',
    handle: powerAction('powerOff'),
  },
  {
    method: 'POST',
    path: `${VM}/restart`,
    service: 'compute',
    operation: 'virtualMachines.restart',
    handle: powerAction('restart'),
  },
  { method: 'DELETE', path: VM, service: 'compute', operation: 'virtualMachines.delete', handle: remove },
  {
    method: 'PUT',
    path: VM,
    service: 'compute',
    operation: 'virtualMachines.createOrUpdate',
    handle: update(true),
  },
  {
    method: 'PATCH',
    path: VM,
    service: 'compute',
    operation: 'virtualMachines.update',
    handle: update(false),
  },
];
