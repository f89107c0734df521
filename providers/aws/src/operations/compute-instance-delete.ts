import { operationParams } from '@escher/protocol';
import { TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { awsOperation, dryRunOk } from './aws-operation.ts';
import { ec2Id, ec2Op } from './ec2-target.ts';
import { ec2DryRun, send } from './op-call.ts';

/**
 * EC2 TerminateInstances of one instance (DryRun supported; termination protection is EC2's to
 * refuse). Irreversible: no undo. Volumes marked delete-on-termination go with it.
 */
export const computeInstanceDelete = awsOperation({
  id: 'compute.instance.delete',
  types: ['compute.instance'],
  params: operationParams('compute.instance.delete'),
  async run({ target, dryRun, ctx }) {
    const id = ec2Id(target);
    const ec2 = ctx.clients.ec2;
    if (dryRun) {
      await ec2DryRun(ctx, 'TerminateInstances', (o) =>
        ec2.send(new TerminateInstancesCommand({ InstanceIds: [id], DryRun: true }), o),
      );
      return dryRunOk(`EC2 would terminate ${id}`);
    }
    const out = await send(ctx, ec2Op('TerminateInstances'), (o) =>
      ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }), o),
    );
    const change = out.TerminatingInstances?.[0];
    return {
      status: 'accepted',
      message: `${id} is ${change?.CurrentState?.Name ?? 'shutting-down'} (was ${change?.PreviousState?.Name ?? 'unknown'})`,
    };
  },
});
