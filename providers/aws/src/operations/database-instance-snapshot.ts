import { CreateDBSnapshotCommand } from '@aws-sdk/client-rds';
import { z } from 'zod';
import { awsOperation, localDryRun } from './aws-operation.ts';
import { send } from './op-call.ts';
import { dbId, describeDb, rdsOp, requireDbStatus } from './rds-target.ts';
import { tagPairs, TagsSchema } from './tag-params.ts';

/** RDS identifier rules: a letter first, letters, digits and single hyphens, no trailing hyphen. */
const SNAPSHOT_ID = /^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,254}(?<!-)$/;

const DbSnapshotParams = z
  .object({
    /** Default `escher-{instance}-{yyyymmddhhmmss}`. */
    snapshotId: z
      .string()
      .regex(SNAPSHOT_ID, 'an RDS identifier: a letter, then letters, digits, single hyphens')
      .optional(),
    tags: TagsSchema.optional(),
  })
  .strict();

/**
 * RDS CreateDBSnapshot, a manual snapshot kept until deleted (no dry run: the instance must be
 * available). The snapshot ARN is in `created`; a backup has no undo.
 */
export const databaseInstanceSnapshot = awsOperation({
  id: 'database.instance.snapshot',
  types: ['database.instance'],
  params: DbSnapshotParams,
  async run({ target, params, dryRun, ctx }) {
    const id = dbId(target);
    const snapshotId = params.snapshotId ?? defaultSnapshotId(id, ctx.now());
    if (dryRun) {
      requireDbStatus(await describeDb(ctx, target), ['available'], 'CreateDBSnapshot');
      return localDryRun(`RDS would snapshot ${id} as ${snapshotId}`);
    }
    const out = await send(ctx, rdsOp('CreateDBSnapshot'), (o) =>
      ctx.clients.rds.send(
        new CreateDBSnapshotCommand({
          DBInstanceIdentifier: id,
          DBSnapshotIdentifier: snapshotId,
          ...(params.tags && Object.keys(params.tags).length ? { Tags: tagPairs(params.tags) } : {}),
        }),
        o,
      ),
    );
    const arn =
      out.DBSnapshot?.DBSnapshotArn ?? `arn:aws:rds:${ctx.region}:${ctx.account}:snapshot:${snapshotId}`;
    return {
      status: 'accepted',
      message: `${snapshotId} of ${id} is ${out.DBSnapshot?.Status ?? 'creating'}`,
      created: [arn],
    };
  },
});

function defaultSnapshotId(instance: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const base = `escher-${instance}`.replace(/--+/g, '-').slice(0, 240).replace(/-$/, '');
  return `${base}-${stamp}`;
}
