import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { items } from '../protocol/xml.ts';
import { checkDryRun } from './ec2-request.ts';
import { isEc2Id } from './ids.ts';

/** DescribeSnapshotAttribute `createVolumePermission`: group `all` for public snapshots, plus shared accounts. */
export const describeSnapshotAttribute: AwsOperation = {
  name: 'DescribeSnapshotAttribute',
  handle: ({ params, regionState }) => {
    const id = params.require('SnapshotId');
    const attribute = params.require('Attribute');
    if (!isEc2Id(id, 'snap'))
      throw new AwsError('InvalidSnapshotID.Malformed', `Invalid id: "${id}" (expecting "snap-...")`);
    const snapshot = regionState.ec2.snapshots.get(id);
    if (!snapshot) throw new AwsError('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`);
    checkDryRun(params);
    if (attribute === 'productCodes') return { snapshotId: id, productCodes: items([]) };
    if (attribute !== 'createVolumePermission') {
      throw new AwsError(
        'InvalidParameterValue',
        `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`,
      );
    }
    const permissions = [
      ...(snapshot.public ? [{ group: 'all' }] : []),
      ...snapshot.sharedWith.map((userId) => ({ userId })),
    ];
    return { snapshotId: id, createVolumePermission: items(permissions) };
  },
};
