import { operationParams } from '@escher/protocol';
import { ReleaseAddressCommand } from '@aws-sdk/client-ec2';
import { awsOperation, dryRunOk } from './aws-operation.ts';
import { ec2Id, ec2Op } from './ec2-target.ts';
import { ec2DryRun, send } from './op-call.ts';

/**
 * EC2 ReleaseAddress of an Elastic IP by allocation id (InvalidIPAddress.InUse while associated;
 * DryRun supported). No undo: the address goes back to AWS's pool and cannot be reclaimed.
 */
export const networkIpDelete = awsOperation({
  id: 'network.ip.delete',
  types: ['network.ip'],
  params: operationParams('network.ip.delete'),
  async run({ target, dryRun, ctx }) {
    const id = ec2Id(target);
    if (dryRun) {
      await ec2DryRun(ctx, 'ReleaseAddress', (o) =>
        ctx.clients.ec2.send(new ReleaseAddressCommand({ AllocationId: id, DryRun: true }), o),
      );
      return dryRunOk(`EC2 would release ${id}`);
    }
    await send(ctx, ec2Op('ReleaseAddress'), (o) =>
      ctx.clients.ec2.send(new ReleaseAddressCommand({ AllocationId: id }), o),
    );
    return { status: 'succeeded', message: `${id} released` };
  },
});
