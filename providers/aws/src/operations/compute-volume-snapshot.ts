import { CreateSnapshotCommand } from '@aws-sdk/client-ec2';
import { operationParams } from '@escher/protocol';
import { ec2Arn } from '../core/arn.ts';
import { awsOperation, dryRunOk } from './aws-operation.ts';
import { ec2Id, ec2Op } from './ec2-target.ts';
import { ec2DryRun, send } from './op-call.ts';
import { awsTagKeys, snapshotTags, tagPairs } from './tag-params.ts';

/** The catalogue's snapshot params with EC2's limits: a 255-character description, AWS tag keys. */
export const SnapshotParamsSchema = operationParams('compute.volume.snapshot').superRefine((p, ctx) => {
  if ((p.description?.length ?? 0) > 255)
    ctx.addIssue({
      code: 'custom',
      path: ['description'],
      message: 'EC2 snapshot descriptions are at most 255 characters',
    });
  awsTagKeys(p, ctx);
});

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
      ...(Object.keys(snapshotTags(params)).length
        ? { TagSpecifications: [{ ResourceType: 'snapshot' as const, Tags: tagPairs(snapshotTags(params)) }] }
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
