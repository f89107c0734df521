import { operationParams } from '@escher/protocol';
import { z } from 'zod';
import { awsOperation, localDryRun } from './aws-operation.ts';
import { MODIFIABLE, modifyDb } from './database-instance-modify.ts';
import { dbId, describeDb, requireDbStatus } from './rds-target.ts';

/** The catalogue's params, with AWS's shapes for what it narrows. */
const DbRestrictParams = operationParams('database.instance.restrict').extend({
  /** Undo: make the instance publicly accessible again. */
  restore: z
    .object({ publiclyAccessible: z.literal(true) })
    .strict()
    .optional(),
});

/**
 * Takes a database off the internet: RDS ModifyDBInstance `PubliclyAccessible=false`, applied
 * immediately (its endpoint stops resolving to a public address; security groups are left as
 * they are). No dry run: the status is checked. Undo: `restore` makes it public again.
 */
export const databaseInstanceRestrict = awsOperation({
  id: 'database.instance.restrict',
  types: ['database.instance'],
  params: DbRestrictParams,
  async run({ target, params, dryRun, ctx }) {
    const id = dbId(target);
    const db = await describeDb(ctx, target);
    const wanted = params.restore ? true : false;
    if ((db.PubliclyAccessible === true) === wanted)
      return { status: 'succeeded', message: `${id} is already ${wanted ? 'public' : 'private'}` };
    requireDbStatus(db, MODIFIABLE, 'ModifyDBInstance');
    if (dryRun) return localDryRun(`RDS would make ${id} ${wanted ? 'public' : 'private'}`);
    await modifyDb(ctx, id, { PubliclyAccessible: wanted });
    return {
      status: 'succeeded',
      message: `${id} is ${wanted ? 'publicly accessible again' : 'no longer publicly accessible'}`,
      undo: wanted
        ? { operation: 'database.instance.restrict', params: {} }
        : { operation: 'database.instance.restrict', params: { restore: { publiclyAccessible: true } } },
    };
  },
});
