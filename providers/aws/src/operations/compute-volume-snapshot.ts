import { CreateSnapshotCommand } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { ec2Arn } from '../core/arn.ts';
import { awsOperation, dryRunOk } from './aws-operation.ts';
import { ec2Id, ec2Op } from './ec2-target.ts';
import { ec2DryRun, send } from './op-call.ts';
import { tagPairs, TagsSchema } from './tag-params.ts';

export const SnapshotParamsSchema = z
  .object({ description: z.string().max(255).optional(), tags: TagsSchema.optional() })
  .strict();

/**
 * EC2 CreateSnapshot of one EBS volume (DryRun supported), tagged with `tags` if given. The
 * snapshot starts `pending`; its ARN is in `created`. Creating a backup has no undo (rolling back
 * must never delete one).
 */
export const computeVolumeSnapshot = awsOperation({
  id: 'compute.volume.snapshot',
  types: ['compute.volume'],
  params: SnapshotParamsSchema,
  async run({ target, params, dryRun, ctx }) {
    const id = ec2Id(target);
    const input = {
      VolumeId: id,
      Description: params.description ?? `Escher snapshot of ${id}`,
      ...(params.tags && Object.keys(params.tags).length
        ? { TagSpecifications: [{ ResourceType: 'snapshot' as const, Tags: tagPairs(params.tags) }] }
        : {}),
    };
    if (dryRun) {
      await ec2DryRun(ctx, 'CreateSnapshot', (o) =>
        ctx.clients.ec2.send(new CreateSnapshotCommand({ ...input, DryRun: true }), o),
      );
      return dryRunOk(`EC2 would snapshot ${id}`);
    }
    const out = await send(ctx, ec2Op('CreateSnapshot'), (o) =>
      ctx.clients.ec2.send(new CreateSnapshotCommand(input), o),
    );
    const snapshotId = out.SnapshotId ?? '';
    return {
      status: 'accepted',
      message: `${snapshotId} of ${id} is ${out.State ?? 'pending'}`,
      created: [ec2Arn(ctx.region, ctx.account, 'snapshot', snapshotId)],
    };
  },
});
