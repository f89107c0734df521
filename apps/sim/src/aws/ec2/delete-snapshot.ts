import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { checkDryRun, RETURN_TRUE } from './ec2-request.ts';
import { isEc2Id } from './ids.ts';

/**
 * DeleteSnapshot: the snapshot goes; one that is still `pending` may go too (EC2 cancels it).
 * A snapshot a registered AMI uses would be InvalidSnapshot.InUse, but the simulator registers no
 * AMIs. `return true`.
 */
export const deleteSnapshot: AwsOperation = {
  name: 'DeleteSnapshot',
  mutating: true,
  handle: ({ params, regionState }) => {
    const id = params.require('SnapshotId');
    if (!isEc2Id(id, 'snap'))
      throw new AwsError('InvalidSnapshotID.Malformed', `Invalid id: "${id}" (expecting "snap-...")`);
    const snapshots = regionState.ec2.snapshots;
    if (!snapshots.has(id))
      throw new AwsError('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`);
    checkDryRun(params);
    snapshots.delete(id);
    return RETURN_TRUE;
  },
};
