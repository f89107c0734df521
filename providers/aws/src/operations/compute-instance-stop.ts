import { StopInstancesCommand } from '@aws-sdk/client-ec2';
import { operationParams } from '@escher/protocol';
import { awsOperation, dryRunOk } from './aws-operation.ts';
import { ec2Id, ec2Op } from './ec2-target.ts';
import { ec2DryRun, send } from './op-call.ts';

/**
 * EC2 StopInstances of one instance (`force` skips the OS shutdown; DryRun supported). Undo:
 * start, when it was running.
 */
export const computeInstanceStop = awsOperation({
  id: 'compute.instance.stop',
  types: ['compute.instance'],
  params: operationParams('compute.instance.stop'),
  async run({ target, params, dryRun, ctx }) {
    const id = ec2Id(target);
    const ec2 = ctx.clients.ec2;
    const input = { InstanceIds: [id], ...(params.force ? { Force: true } : {}) };
    if (dryRun) {
      await ec2DryRun(ctx, 'StopInstances', (o) =>
        ec2.send(new StopInstancesCommand({ ...input, DryRun: true }), o),
      );
      return dryRunOk(`EC2 would stop ${id}`);
    }
    const out = await send(ctx, ec2Op('StopInstances'), (o) => ec2.send(new StopInstancesCommand(input), o));
    const change = out.StoppingInstances?.[0];
    const previous = change?.PreviousState?.Name;
    if (previous !== 'running') {
      return { status: 'succeeded', message: `${id} was already ${previous ?? 'stopping'}: nothing to stop` };
    }
    return {
      status: 'accepted',
      message: `${id} is ${change?.CurrentState?.Name ?? 'stopping'} (was running)`,
      undo: { operation: 'compute.instance.start', params: {} },
    };
  },
});
