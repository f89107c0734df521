import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { checkDryRun, RETURN_TRUE } from './ec2-request.ts';
import { isEc2Id } from './ids.ts';

/** DeleteVolume: only an unattached volume goes (VolumeInUse otherwise); `return true`. */
export const deleteVolume: AwsOperation = {
  name: 'DeleteVolume',
  mutating: true,
  handle: ({ params, regionState }) => {
    const id = params.require('VolumeId');
    if (!isEc2Id(id, 'vol'))
      throw new AwsError('InvalidVolumeID.Malformed', `Invalid id: "${id}" (expecting "vol-...")`);
    const volumes = regionState.ec2.volumes;
    const volume = volumes.get(id);
    if (!volume) throw new AwsError('InvalidVolume.NotFound', `The volume '${id}' does not exist.`);
    if (volume.attachment)
      throw new AwsError(
        'VolumeInUse',
        `Volume ${id} is currently attached to ${volume.attachment.instanceId}`,
      );
    checkDryRun(params);
    volumes.delete(id);
    return RETURN_TRUE;
  },
};
