import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { checkDryRun, RETURN_TRUE } from './ec2-request.ts';
import { isEc2Id } from './ids.ts';

const ACCOUNT = /^\d{12}$/;

/**
 * ModifySnapshotAttribute of `createVolumePermission`: `CreateVolumePermission.Add.N.Group|UserId`
 * and `.Remove.N.*`, or the flat `OperationType` (add | remove) with `UserGroup.N` / `UserId.N`.
 * Group `all` makes the snapshot public (encrypted snapshots cannot be: OperationNotPermitted);
 * user ids share it with those accounts. Removing what is not there is no error, as in EC2.
 */
export const modifySnapshotAttribute: AwsOperation = {
  name: 'ModifySnapshotAttribute',
  mutating: true,
  handle: ({ params, regionState }) => {
    const id = params.require('SnapshotId');
    if (!isEc2Id(id, 'snap'))
      throw new AwsError('InvalidSnapshotID.Malformed', `Invalid id: "${id}" (expecting "snap-...")`);
    const snapshot = regionState.ec2.snapshots.get(id);
    if (!snapshot) throw new AwsError('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`);
    const attribute = params.get('Attribute') ?? 'createVolumePermission';
    if (attribute !== 'createVolumePermission')
      throw new AwsError(
        'InvalidParameterValue',
        `Value (${attribute}) for parameter attribute is invalid. Only createVolumePermission can be modified.`,
      );
    const change = {
      add: { groups: [] as string[], users: [] as string[] },
      remove: { groups: [] as string[], users: [] as string[] },
    };
    for (const verb of ['Add', 'Remove'] as const) {
      for (const p of params.structs(`CreateVolumePermission.${verb}`)) {
        const side = verb === 'Add' ? change.add : change.remove;
        const group = p.get('Group');
        const user = p.get('UserId');
        if (group !== undefined) side.groups.push(group);
        if (user !== undefined) side.users.push(user);
      }
    }
    const operation = params.get('OperationType');
    if (operation !== undefined) {
      if (operation !== 'add' && operation !== 'remove')
        throw new AwsError(
          'InvalidParameterValue',
          `Value (${operation}) for parameter operationType is invalid.`,
        );
      change[operation].groups.push(...params.list('UserGroup'));
      change[operation].users.push(...params.list('UserId'));
    }
    const all = [...change.add.groups, ...change.remove.groups];
    const users = [...change.add.users, ...change.remove.users];
    if (all.length + users.length === 0)
      throw new AwsError('MissingParameter', 'The request must contain the parameter createVolumePermission');
    const badGroup = all.find((g) => g !== 'all');
    if (badGroup !== undefined)
      throw new AwsError('InvalidParameterValue', `Value (${badGroup}) for parameter group is invalid.`);
    const badUser = users.find((u) => !ACCOUNT.test(u));
    if (badUser !== undefined)
      throw new AwsError('InvalidParameterValue', `Value (${badUser}) for parameter userId is invalid.`);
    if (change.add.groups.length > 0 && snapshot.encrypted)
      throw new AwsError(
        'OperationNotPermitted',
        'Encrypted snapshots with EBS default key cannot be shared',
      );
    checkDryRun(params);
    if (change.remove.groups.length > 0) snapshot.public = false;
    if (change.add.groups.length > 0) snapshot.public = true;
    snapshot.sharedWith = snapshot.sharedWith.filter((u) => !change.remove.users.includes(u));
    for (const u of change.add.users) if (!snapshot.sharedWith.includes(u)) snapshot.sharedWith.push(u);
    return RETURN_TRUE;
  },
};
