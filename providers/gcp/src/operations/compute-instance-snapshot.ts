import { EscherError, OperationalError, UserError } from '@escher/protocol';
import { relativeName } from '../names.ts';
import { defineOperation, localDryRun } from './core/define.ts';
import { zonalRef } from './core/target.ts';
import { createDiskSnapshot, snapshotParams } from './disk-snapshot.ts';
import { validateLabels } from './labels/label-rules.ts';
import { getInstance } from './refresh/compute-readers.ts';

/** `projects/p/zones/z/disks/d` of an attached disk's source link. */
const DISK = /^projects\/([^/]+)\/zones\/([^/]+)\/disks\/([^/]+)$/;

/**
 * `compute.instance.snapshot`: disks.createSnapshot of every disk attached to the instance, one
 * after the other, each waited on until READY. A running instance is snapshotted crash-consistent
 * (Google allows it). No undo: the snapshots are new resources, listed in `created`; when one
 * fails, the error names the snapshots already made so they can be kept or deleted.
 */
export const computeInstanceSnapshot = defineOperation({
  id: 'compute.instance.snapshot',
  types: ['compute.instance'],
  params: snapshotParams,
  async run({ ctx, target, params, dryRun }) {
    if (params.tags) validateLabels(params.tags);
    const ref = zonalRef(target, 'instances');
    const instance = await getInstance(ctx, ref);
    const disks = (instance.disks ?? []).flatMap((d) => {
      const m = DISK.exec(relativeName(d.source ?? '') ?? '');
      return m ? [{ project: m[1]!, zone: m[2]!, name: m[3]! }] : [];
    });
    if (disks.length === 0)
      throw new UserError(
        'gcp-nothing-to-snapshot',
        `Instance ${ref.name} has no persistent disks to snapshot.`,
        {
          hint: 'Local SSDs cannot be snapshotted',
        },
      );
    const names = disks.map((d) => d.name).join(', ');
    if (dryRun)
      return localDryRun(`would snapshot ${disks.length} disk(s) of instance ${ref.name}: ${names}`);
    const created: string[] = [];
    for (const disk of disks) {
      try {
        created.push(
          await createDiskSnapshot(ctx, disk, {
            ...params,
            ...(params.name ? { name: `${params.name}-${disk.name}`.slice(0, 63).replace(/-+$/, '') } : {}),
          }),
        );
      } catch (error) {
        if (created.length === 0 || !(error instanceof EscherError)) throw error;
        throw new OperationalError(
          error.code,
          `${error.message} (snapshots already made: ${created.join(', ')})`,
          { cause: error, hint: error.hint, details: { created }, retryable: false },
        );
      }
    }
    return {
      status: 'succeeded',
      message: `snapshotted ${created.length} disk(s) of instance ${ref.name}: ${names}`,
      created,
    };
  },
});
