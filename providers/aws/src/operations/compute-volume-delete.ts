import { operationParams } from '@escher/protocol';
import { DeleteVolumeCommand } from '@aws-sdk/client-ec2';
import { awsOperation, dryRunOk } from './aws-operation.ts';
import { ec2Id, ec2Op } from './ec2-target.ts';
import { ec2DryRun, send } from './op-call.ts';

/** EC2 DeleteVolume of an unattached volume (VolumeInUse otherwise; DryRun supported). No undo. */
export const computeVolumeDelete = awsOperation({
  id: 'compute.volume.delete',
  types: ['compute.volume'],
  params: operationParams('compute.volume.delete'),
  async run({ target, dryRun, ctx }) {
    const id = ec2Id(target);
    if (dryRun) {
      await ec2DryRun(ctx, 'DeleteVolume', (o) =>
        ctx.clients.ec2.send(new DeleteVolumeCommand({ VolumeId: id, DryRun: true }), o),
      );
      return dryRunOk(`EC2 would delete ${id}`);
    }
    await send(ctx, ec2Op('DeleteVolume'), (o) =>
      ctx.clients.ec2.send(new DeleteVolumeCommand({ VolumeId: id }), o),
    );
    return { status: 'succeeded', message: `${id} deleted` };
  },
});
