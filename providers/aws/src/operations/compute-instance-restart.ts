import { operationParams } from '@escher/protocol';
import { RebootInstancesCommand } from '@aws-sdk/client-ec2';
import { awsOperation, dryRunOk } from './aws-operation.ts';
import { ec2Id, ec2Op } from './ec2-target.ts';
import { ec2DryRun, send } from './op-call.ts';

/**
 * EC2 RebootInstances of one running instance (DryRun supported). A reboot leaves nothing to put
 * back, so there is no undo.
 */
export const computeInstanceRestart = awsOperation({
  id: 'compute.instance.restart',
  types: ['compute.instance'],
  params: operationParams('compute.instance.restart'),
  async run({ target, dryRun, ctx }) {
    const id = ec2Id(target);
    const ec2 = ctx.clients.ec2;
    if (dryRun) {
      await ec2DryRun(ctx, 'RebootInstances', (o) =>
        ec2.send(new RebootInstancesCommand({ InstanceIds: [id], DryRun: true }), o),
      );
      return dryRunOk(`EC2 would reboot ${id}`);
    }
    await send(ctx, ec2Op('RebootInstances'), (o) =>
      ec2.send(new RebootInstancesCommand({ InstanceIds: [id] }), o),
    );
    return { status: 'accepted', message: `${id} is rebooting` };
  },
});
