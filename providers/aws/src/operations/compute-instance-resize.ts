import { ModifyInstanceAttributeCommand } from '@aws-sdk/client-ec2';
import { nativeSize, operationParams, UserError } from '@escher/protocol';
import { awsOperation, dryRunOk } from './aws-operation.ts';
import { ec2Id, ec2Op } from './ec2-target.ts';
import { ec2DryRun, gone, send } from './op-call.ts';

/** EC2 instance types: family, optional generation suffixes, size (`t3.micro`, `m7i-flex.2xlarge`). */
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

/** The portable sizes as EC2 instance types (general purpose, burstable). */
export const EC2_SIZES = { small: 't3.small', medium: 't3.medium', large: 't3.large', xlarge: 't3.xlarge' };

/** A portable or EC2 size as an EC2 instance type; a value EC2 cannot name is refused before any call. */
export function ec2InstanceType(size: string): string {
  const type = nativeSize(size, EC2_SIZES);
  if (!INSTANCE_TYPE.test(type))
    throw new UserError(
      'aws-operation-params',
      `compute.instance.resize: '${size}' is not an EC2 instance type`,
      {
        hint: 'Give small, medium, large, xlarge or an EC2 instance type such as t3.large',
      },
    );
  return type;
}

/**
 * EC2 ModifyInstanceAttribute `InstanceType` of a stopped instance (EC2 refuses a running one with
 * IncorrectInstanceState; DryRun supported). Undo: resize back to the type it had.
 */
export const computeInstanceResize = awsOperation({
  id: 'compute.instance.resize',
  types: ['compute.instance'],
  params: operationParams('compute.instance.resize'),
  async run({ target, params: portable, dryRun, ctx, refresh }) {
    const params = { size: ec2InstanceType(portable.size) };
    const id = ec2Id(target);
    const ec2 = ctx.clients.ec2;
    const input = { InstanceId: id, InstanceType: { Value: params.size } };
    if (dryRun) {
      await ec2DryRun(ctx, 'ModifyInstanceAttribute', (o) =>
        ec2.send(new ModifyInstanceAttributeCommand({ ...input, DryRun: true }), o),
      );
      return dryRunOk(`EC2 would resize ${id} to ${params.size}`);
    }
    const current = await refresh();
    if (!current) throw gone(target.nativeId);
    const before = current.attributes.size;
    if (before === params.size) return { status: 'succeeded', message: `${id} is already ${params.size}` };
    await send(ctx, ec2Op('ModifyInstanceAttribute'), (o) =>
      ec2.send(new ModifyInstanceAttributeCommand(input), o),
    );
    return {
      status: 'succeeded',
      message: `${id} resized from ${String(before)} to ${params.size}`,
      ...(typeof before === 'string'
        ? { undo: { operation: 'compute.instance.resize' as const, params: { size: before } } }
        : {}),
    };
  },
});
