import { operationParams } from '@escher/protocol';
import { DeleteSnapshotCommand } from '@aws-sdk/client-ec2';
import { awsOperation, dryRunOk } from './aws-operation.ts';
import { ec2Id, ec2Op } from './ec2-target.ts';
import { ec2DryRun, send } from './op-call.ts';

/** EC2 DeleteSnapshot (InvalidSnapshot.InUse while an AMI uses it; DryRun supported). No undo. */
export const computeSnapshotDelete = awsOperation({
  id: 'compute.snapshot.delete',
  types: ['compute.snapshot'],
  params: operationParams('compute.snapshot.delete'),
  async run({ target, dryRun, ctx }) {
    const id = ec2Id(target);
    if (dryRun) {
      await ec2DryRun(ctx, 'DeleteSnapshot', (o) =>
        ctx.clients.ec2.send(new DeleteSnapshotCommand({ SnapshotId: id, DryRun: true }), o),
      );
      return dryRunOk(`EC2 would delete ${id}`);
    }
    await send(ctx, ec2Op('DeleteSnapshot'), (o) =>
      ctx.clients.ec2.send(new DeleteSnapshotCommand({ SnapshotId: id }), o),
    );
    return { status: 'succeeded', message: `${id} deleted` };
  },
});
