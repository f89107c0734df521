import { operationParams } from '@escher/protocol';
import type { OperationId } from '@escher/protocol';
import type { OperationOutcome } from '@escher/provider-api';
import { computeChange } from './core/compute-operation.ts';
import { defineOperation, localDryRun, wrongState, type GcpOperation } from './core/define.ts';
import { zonalRef } from './core/target.ts';
import { getInstance, type Instance } from './refresh/compute-readers.ts';

type Power = 'start' | 'stop' | 'reset' | 'delete';

const STOPPED = new Set(['TERMINATED', 'STOPPED']);
const UP = new Set(['RUNNING', 'STAGING', 'PROVISIONING']);

interface PowerSpec {
  id: OperationId;
  verb: string;
  /** Why Google would refuse the call in this state (checked in dry runs only). */
  refusal(instance: Instance): string | undefined;
  /** The operation that reverses it, given the state before. */
  undo(before: Instance): OperationOutcome['undo'];
}

const SPECS: Record<Power, PowerSpec> = {
  start: {
    id: 'compute.instance.start',
    verb: 'started',
    refusal: (i) => (i.status === 'STOPPING' ? 'is still stopping' : undefined),
    undo: (before) =>
      STOPPED.has(before.status ?? '') ? { operation: 'compute.instance.stop', params: {} } : undefined,
  },
  stop: {
    id: 'compute.instance.stop',
    verb: 'stopped',
    refusal: () => undefined,
    undo: (before) =>
      UP.has(before.status ?? '') ? { operation: 'compute.instance.start', params: {} } : undefined,
  },
  reset: {
    id: 'compute.instance.restart',
    verb: 'restarted (reset)',
    refusal: (i) => (i.status !== 'RUNNING' ? `is ${i.status ?? 'not running'}, not RUNNING` : undefined),
    undo: () => undefined,
  },
  delete: {
    id: 'compute.instance.delete',
    verb: 'deleted',
    refusal: (i) => (i.deletionProtection ? 'has deletion protection on' : undefined),
    undo: () => undefined,
  },
};

/**
 * instances.start / stop / reset / delete, waited on until the zone operation is DONE. The state
 * before the call decides the undo (a stop of a running instance is undone by a start; a stop of
 * a stopped one changed nothing). Google's own answer decides wrong states: stopping a stopped
 * instance succeeds as a no-op, resetting a stopped one is refused (400 resourceNotReady).
 */
export function instancePowerOperation(power: Power): GcpOperation {
  const spec = SPECS[power];
  return defineOperation({
    id: spec.id,
    types: ['compute.instance'],
    params: operationParams(spec.id),
    async run({ ctx, target, dryRun }) {
      const ref = zonalRef(target, 'instances');
      const before = await getInstance(ctx, ref);
      const label = `instance ${ref.name} (${before.status ?? 'unknown'})`;
      if (dryRun) {
        const refusal = spec.refusal(before);
        if (refusal)
          throw wrongState(
            `Google would refuse to ${power} instance ${ref.name}: it ${refusal}.`,
            'Wait for the instance to settle, or change the plan',
          );
        return localDryRun(`would ${power} ${label}`);
      }
      const client = await ctx.clients.instances();
      const request = { project: ref.project, zone: ref.location, instance: ref.name };
      await computeChange(
        ctx,
        { service: 'compute', operation: `instances.${power}` },
        `${power} of ${label}`,
        () =>
          power === 'start'
            ? client.start(request)
            : power === 'stop'
              ? client.stop(request)
              : power === 'reset'
                ? client.reset(request)
                : client.delete(request),
      );
      const undo = spec.undo(before);
      return { status: 'succeeded', message: `${spec.verb} ${label}`, ...(undo ? { undo } : {}) };
    },
  });
}
