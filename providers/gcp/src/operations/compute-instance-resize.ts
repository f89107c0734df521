import { nativeSize, operationParams } from '@escher/protocol';
import { lastSegment } from '../names.ts';
import { computeChange } from './core/compute-operation.ts';
import { defineOperation, localDryRun, wrongState } from './core/define.ts';
import { zonalRef } from './core/target.ts';
import { getInstance } from './refresh/compute-readers.ts';

/**
 * `compute.instance.resize`: instances.setMachineType. Compute Engine only changes the machine
 * type of a stopped (TERMINATED) instance; on a running one Google answers 400 resourceNotReady,
 * which is surfaced as is (a playbook stops the instance first). Undo: the old machine type.
 */
export const computeInstanceResize = defineOperation({
  id: 'compute.instance.resize',
  types: ['compute.instance'],
  // `size`: portable, or a machine type in the instance's zone (`e2-standard-4`, `n2-custom-4-16384`).
  params: operationParams('compute.instance.resize').transform((p, zctx) => {
    const machineType = nativeSize(p.size, GCE_SIZES);
    if (!/^[a-z][a-z0-9-]{0,62}$/.test(machineType))
      zctx.addIssue({ code: 'custom', path: ['size'], message: 'a machine type name such as e2-standard-4' });
    return { machineType };
  }),
  async run({ ctx, target, params, dryRun }) {
    const ref = zonalRef(target, 'instances');
    const before = await getInstance(ctx, ref);
    const old = lastSegment(before.machineType) ?? '';
    if (old === params.machineType)
      return {
        status: dryRun ? 'dry-run-ok' : 'succeeded',
        message: `instance ${ref.name} is already ${old}`,
      };
    if (dryRun) {
      if (before.status !== 'TERMINATED')
        throw wrongState(
          `Google would refuse to resize instance ${ref.name}: it is ${before.status ?? 'not stopped'}, and only a stopped (TERMINATED) instance can change machine type.`,
          'Stop the instance first (compute.instance.stop), then resize, then start it',
        );
      return localDryRun(`would resize instance ${ref.name} from ${old} to ${params.machineType}`);
    }
    const client = await ctx.clients.instances();
    await computeChange(
      ctx,
      { service: 'compute', operation: 'instances.setMachineType' },
      `resize of instance ${ref.name}`,
      () =>
        client.setMachineType({
          project: ref.project,
          zone: ref.location,
          instance: ref.name,
          instancesSetMachineTypeRequestResource: {
            machineType: `zones/${ref.location}/machineTypes/${params.machineType}`,
          },
        }),
    );
    return {
      status: 'succeeded',
      message: `resized instance ${ref.name} from ${old} to ${params.machineType}`,
      undo: { operation: 'compute.instance.resize', params: { size: old } },
    };
  },
});

/** The portable sizes as Compute Engine machine types (E2, shared-core for the small ones). */
export const GCE_SIZES = {
  small: 'e2-small',
  medium: 'e2-medium',
  large: 'e2-standard-2',
  xlarge: 'e2-standard-4',
};
