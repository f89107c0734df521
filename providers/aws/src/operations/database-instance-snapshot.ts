import { CreateDBSnapshotCommand } from '@aws-sdk/client-rds';
import { operationParams } from '@escher/protocol';
import { awsOperation, localDryRun } from './aws-operation.ts';
import { send } from './op-call.ts';
import { dbId, describeDb, rdsOp, requireDbStatus } from './rds-target.ts';
import { awsTagKeys, tagPairs } from './tag-params.ts';

/** RDS identifier rules: a letter first, letters, digits and single hyphens, no trailing hyphen. */
const SNAPSHOT_ID = /^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,254}(?<!-)$/;

/** The catalogue's snapshot params; `name` is the DBSnapshotIdentifier (default `escher-{instance}-{yyyymmddhhmmss}`). */
const DbSnapshotParams = operationParams('database.instance.snapshot').superRefine((p, ctx) => {
  if (p.name !== undefined && !SNAPSHOT_ID.test(p.name))
    ctx.addIssue({
      code: 'custom',
      path: ['name'],
      message: 'an RDS identifier: a letter, then letters, digits, single hyphens',
    });
  awsTagKeys(p, ctx);
});

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
    const snapshotId = params.name ?? defaultSnapshotId(id, ctx.now());
    if (dryRun) {
      requireDbStatus(await describeDb(ctx, target), ['available'], 'CreateDBSnapshot');
      return localDryRun(`RDS would snapshot ${id} as ${snapshotId}`);
    }
    const out = await send(ctx, rdsOp('CreateDBSnapshot'), (o) =>
      ctx.clients.rds.send(
        new CreateDBSnapshotCommand({
          DBInstanceIdentifier: id,
          DBSnapshotIdentifier: snapshotId,
          ...(tagsOf(params).length ? { Tags: tagPairs(Object.fromEntries(tagsOf(params))) } : {}),
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

/** RDS snapshots have no description field: it travels as a `description` tag. */
function tagsOf(p: { description?: string; tags?: Record<string, string> }): [string, string][] {
  return Object.entries({
    ...(p.tags ?? {}),
    ...(p.description ? { description: p.description.slice(0, 256) } : {}),
  });
}
