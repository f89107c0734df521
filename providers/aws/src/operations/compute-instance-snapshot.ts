import { CreateSnapshotCommand, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { ec2Arn } from '../core/arn.ts';
import { awsOperation, dryRunOk } from './aws-operation.ts';
import { SnapshotParamsSchema } from './compute-volume-snapshot.ts';
import { ec2Id, ec2Op } from './ec2-target.ts';
import { ec2DryRun, gone, send } from './op-call.ts';
import { snapshotTags, tagPairs } from './tag-params.ts';

/**
 * A snapshot of every EBS volume attached to the instance: DescribeInstances for its block
 * devices, then EC2 CreateSnapshot per volume (DryRun supported), each described with the
 * instance and device. Snapshots of a running instance are crash-consistent; stop it first for
 * more. No undo (a backup is never deleted by a rollback); the snapshot ARNs are in `created`.
 */
export const computeInstanceSnapshot = awsOperation({
  id: 'compute.instance.snapshot',
  types: ['compute.instance'],
  params: SnapshotParamsSchema,
  async run({ target, params, dryRun, ctx }) {
    const id = ec2Id(target);
    const ec2 = ctx.clients.ec2;
    const described = await send(ctx, ec2Op('DescribeInstances'), (o) =>
      ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }), o),
    );
    const instance = described.Reservations?.flatMap((r) => r.Instances ?? [])[0];
    if (!instance) throw gone(target.nativeId);
    const devices = (instance.BlockDeviceMappings ?? []).filter((b) => b.Ebs?.VolumeId);
    if (devices.length === 0) return { status: 'succeeded', message: `${id} has no EBS volumes to snapshot` };
    const inputs = devices.map((b) => ({
      VolumeId: b.Ebs!.VolumeId!,
      Description: params.description ?? `Escher snapshot of ${id} ${b.DeviceName ?? ''}`.trim(),
      ...(Object.keys(snapshotTags(params)).length
        ? { TagSpecifications: [{ ResourceType: 'snapshot' as const, Tags: tagPairs(snapshotTags(params)) }] }
        : {}),
    }));
    if (dryRun) {
      for (const input of inputs)
        await ec2DryRun(ctx, 'CreateSnapshot', (o) =>
          ec2.send(new CreateSnapshotCommand({ ...input, DryRun: true }), o),
        );
      return dryRunOk(`EC2 would snapshot ${inputs.length} volume(s) of ${id}`);
    }
    const created: string[] = [];
    for (const input of inputs) {
      const out = await send(ctx, ec2Op('CreateSnapshot'), (o) =>
        ec2.send(new CreateSnapshotCommand(input), o),
      );
      created.push(ec2Arn(ctx.region, ctx.account, 'snapshot', out.SnapshotId ?? ''));
    }
    return { status: 'accepted', message: `${created.length} snapshot(s) of ${id} started`, created };
  },
});
