import {
  DescribeSnapshotAttributeCommand,
  ModifySnapshotAttributeCommand,
  type CreateVolumePermissionModifications,
} from '@aws-sdk/client-ec2';
import { operationParams } from '@escher/protocol';
import { z } from 'zod';
import { awsOperation, dryRunOk } from './aws-operation.ts';
import { ec2Id, ec2Op } from './ec2-target.ts';
import { ec2DryRun, send } from './op-call.ts';

const AccountId = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id');

/** The catalogue's params, with AWS's shapes for what it narrows. */
const SnapshotRestrictParams = operationParams('compute.snapshot.restrict').extend({
  /** Also stop sharing with the accounts it is shared with (default: only the public grant). */
  accounts: z.boolean().optional(),
  /** Undo: the permissions an earlier restrict removed, to be granted again. */
  restore: z
    .object({ public: z.boolean().optional(), accounts: z.array(AccountId).optional() })
    .strict()
    .optional(),
});

/**
 * Makes an EBS snapshot private: DescribeSnapshotAttribute `createVolumePermission`, then
 * ModifySnapshotAttribute removing group `all` (and, with `accounts`, every shared account).
 * DryRun supported. Undo: `restore` with exactly what was removed, which adds it back.
 */
export const computeSnapshotRestrict = awsOperation({
  id: 'compute.snapshot.restrict',
  types: ['compute.snapshot'],
  params: SnapshotRestrictParams,
  async run({ target, params, dryRun, ctx }) {
    const id = ec2Id(target);
    const ec2 = ctx.clients.ec2;
    const modify = async (change: CreateVolumePermissionModifications, verb: string) => {
      const input = {
        SnapshotId: id,
        Attribute: 'createVolumePermission' as const,
        CreateVolumePermission: change,
      };
      if (dryRun) {
        await ec2DryRun(ctx, 'ModifySnapshotAttribute', (o) =>
          ec2.send(new ModifySnapshotAttributeCommand({ ...input, DryRun: true }), o),
        );
        return dryRunOk(`EC2 would ${verb} ${id}`);
      }
      await send(ctx, ec2Op('ModifySnapshotAttribute'), (o) =>
        ec2.send(new ModifySnapshotAttributeCommand(input), o),
      );
      return undefined;
    };
    if (params.restore) {
      const grants = [
        ...(params.restore.public ? [{ Group: 'all' as const }] : []),
        ...(params.restore.accounts ?? []).map((UserId) => ({ UserId })),
      ];
      if (grants.length === 0) return { status: 'succeeded', message: `nothing to restore on ${id}` };
      const dry = await modify({ Add: grants }, 'share again');
      if (dry) return dry;
      return {
        status: 'succeeded',
        message: `${id} shared again (${describe(params.restore)})`,
        undo: {
          operation: 'compute.snapshot.restrict',
          params: { accounts: (params.restore.accounts ?? []).length > 0 },
        },
      };
    }
    const current = await send(ctx, ec2Op('DescribeSnapshotAttribute'), (o) =>
      ec2.send(
        new DescribeSnapshotAttributeCommand({ SnapshotId: id, Attribute: 'createVolumePermission' }),
        o,
      ),
    );
    const permissions = current.CreateVolumePermissions ?? [];
    const isPublic = permissions.some((p) => p.Group === 'all');
    const accounts = params.accounts ? permissions.flatMap((p) => (p.UserId ? [p.UserId] : [])) : [];
    if (!isPublic && accounts.length === 0)
      return { status: 'succeeded', message: `${id} is already private` };
    const removed = [
      ...(isPublic ? [{ Group: 'all' as const }] : []),
      ...accounts.map((UserId) => ({ UserId })),
    ];
    const dry = await modify({ Remove: removed }, 'make private');
    if (dry) return dry;
    const restore = { ...(isPublic ? { public: true } : {}), ...(accounts.length ? { accounts } : {}) };
    return {
      status: 'succeeded',
      message: `${id} is private (removed ${describe(restore)})`,
      undo: { operation: 'compute.snapshot.restrict', params: { restore } },
    };
  },
});

function describe(grants: { public?: boolean | undefined; accounts?: string[] | undefined }): string {
  return [
    ...(grants.public ? ['public access'] : []),
    ...(grants.accounts ?? []).map((a) => `account ${a}`),
  ].join(', ');
}
