import { operationParams } from '@escher/protocol';
import { StartInstancesCommand } from '@aws-sdk/client-ec2';
import { awsOperation, dryRunOk } from './aws-operation.ts';
import { ec2Id, ec2Op } from './ec2-target.ts';
import { ec2DryRun, send } from './op-call.ts';

/** EC2 StartInstances of one instance (DryRun supported). Undo: stop, when it was stopped. */
export const computeInstanceStart = awsOperation({
  id: 'compute.instance.start',
  types: ['compute.instance'],
  params: operationParams('compute.instance.start'),
  async run({ target, dryRun, ctx }) {
    const id = ec2Id(target);
    const ec2 = ctx.clients.ec2;
    if (dryRun) {
      await ec2DryRun(ctx, 'StartInstances', (o) =>
        ec2.send(new StartInstancesCommand({ InstanceIds: [id], DryRun: true }), o),
      );
      return dryRunOk(`EC2 would start ${id}`);
    }
    const out = await send(ctx, ec2Op('StartInstances'), (o) =>
      ec2.send(new StartInstancesCommand({ InstanceIds: [id] }), o),
    );
    const change = out.StartingInstances?.[0];
    const previous = change?.PreviousState?.Name;
    if (previous !== 'stopped') {
      return {
        status: 'succeeded',
        message: `${id} was already ${previous ?? 'starting'}: nothing to start`,
      };
    }
    return {
      status: 'accepted',
      message: `${id} is ${change?.CurrentState?.Name ?? 'pending'} (was stopped)`,
      undo: { operation: 'compute.instance.stop', params: {} },
    };
  },
});
