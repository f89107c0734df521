import type { SimClock } from '../../core/clock.ts';
import { begin, settle } from '../../core/transition.ts';
import type { AwsCall } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { gmt } from './addressing.ts';
import { publicIpv4 } from './ids.ts';
import { idList, idsNotFound, lookupAll } from './ec2-request.ts';
import { INSTANCE_STATE_CODES, type Ec2Instance, type Ec2State, type InstanceStateName } from './state.ts';

/** How long a terminated instance stays visible after it reaches `terminated`. */
export const TERMINATED_VISIBLE_MS = 3_600_000;

/** Applies a due transition; answers false when a terminated instance has vanished. */
export function settleInstance(instance: Ec2Instance, clock: SimClock): boolean {
  settle(instance, clock);
  return !(
    instance.state === 'terminated' &&
    instance.goneAt !== undefined &&
    instance.goneAt <= clock.now()
  );
}

/** Every instance still visible, in creation order; vanished terminated ones are dropped. */
export function visibleInstances(state: Ec2State, clock: SimClock): Ec2Instance[] {
  // This runs over every instance on every DescribeInstances: keep it allocation-light.
  const out: Ec2Instance[] = [];
  for (const instance of state.instances.values()) {
    if (
      (instance.pending !== undefined || instance.goneAt !== undefined) &&
      !settleInstance(instance, clock)
    ) {
      state.instances.delete(instance.id);
    } else out.push(instance);
  }
  return out;
}

/** One visible instance, or undefined. */
export function findInstance(state: Ec2State, id: string, clock: SimClock): Ec2Instance | undefined {
  const instance = state.instances.get(id);
  if (!instance) return undefined;
  if (settleInstance(instance, clock)) return instance;
  state.instances.delete(id);
  return undefined;
}

/** The `InstanceId.N` instances of a call, all checked: malformed and unknown ids are errors. */
export function requestedInstances(call: AwsCall): Ec2Instance[] {
  const ids = idList(call.params, 'InstanceId', 'i', 'InvalidInstanceID.Malformed');
  if (ids.length === 0)
    throw new AwsError('MissingParameter', 'The request must contain the parameter InstanceId');
  const state = call.regionState.ec2;
  return lookupAll(
    ids,
    (id) => findInstance(state, id, call.sim.clock),
    (missing) => idsNotFound('InvalidInstanceID.NotFound', 'instance', missing),
  );
}

export const stateXml = (name: InstanceStateName): { code: number; name: InstanceStateName } => ({
  code: INSTANCE_STATE_CODES[name],
  name,
});

/** `{ instanceId, currentState, previousState }` as Start/Stop/TerminateInstances return it. */
export function stateChange(instance: Ec2Instance, previous: InstanceStateName): object {
  return {
    instanceId: instance.id,
    currentState: stateXml(instance.state),
    previousState: stateXml(previous),
  };
}

export function incorrectState(instance: Ec2Instance, verb: string): AwsError {
  return new AwsError(
    'IncorrectInstanceState',
    `The instance '${instance.id}' is not in a state from which it can be ${verb}.`,
  );
}

/** pending → running; a fresh public IP unless an Elastic IP is associated. */
export function startInstance(
  instance: Ec2Instance,
  state: Ec2State,
  clock: SimClock,
  durationMs: number,
): void {
  begin(instance, 'pending', 'running', durationMs, clock);
  instance.launchTime = Math.floor(clock.now() / 1000) * 1000;
  instance.transitionReason = '';
  instance.stateReason = undefined;
  if (instance.autoPublicIp && !instance.eipAllocationId) instance.publicIp = publicIpv4(state.rng);
}

/** stopping → stopped; an auto-assigned public IP is released, as in EC2. */
export function stopInstance(instance: Ec2Instance, clock: SimClock, durationMs: number): void {
  begin(instance, 'stopping', 'stopped', durationMs, clock);
  if (!instance.eipAllocationId) instance.publicIp = undefined;
  instance.transitionReason = `User initiated (${gmt(clock.now())})`;
  instance.stateReason = {
    code: 'Client.UserInitiatedShutdown',
    message: 'Client.UserInitiatedShutdown: User initiated shutdown',
  };
}

/**
 * shutting-down → terminated, visible for an hour after. Root volumes (delete-on-termination) go,
 * data volumes become available, an Elastic IP is disassociated.
 */
export function terminateInstance(
  instance: Ec2Instance,
  state: Ec2State,
  clock: SimClock,
  durationMs: number,
): void {
  begin(instance, 'shutting-down', 'terminated', durationMs, clock);
  instance.goneAt = clock.now() + Math.max(0, durationMs) + TERMINATED_VISIBLE_MS;
  instance.transitionReason = `User initiated (${gmt(clock.now())})`;
  instance.stateReason = {
    code: 'Client.UserInitiatedShutdown',
    message: 'Client.UserInitiatedShutdown: User initiated shutdown',
  };
  instance.publicIp = undefined;
  if (instance.eipAllocationId) {
    const address = state.addresses.get(instance.eipAllocationId);
    if (address) {
      address.instanceId = undefined;
      address.associationId = undefined;
      address.networkInterfaceId = undefined;
      address.networkInterfaceOwnerId = undefined;
      address.privateIp = undefined;
    }
    instance.eipAllocationId = undefined;
  }
  for (const device of instance.blockDevices) {
    const volume = state.volumes.get(device.volumeId);
    if (!volume) continue;
    if (device.deleteOnTermination) state.volumes.delete(volume.id);
    else {
      volume.attachment = undefined;
      volume.state = 'available';
    }
  }
  instance.blockDevices = [];
}
