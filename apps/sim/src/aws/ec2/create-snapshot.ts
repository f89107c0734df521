import { begin } from '../../core/transition.ts';
import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { checkDryRun, tagSpecifications } from './ec2-request.ts';
import { ec2Id, isEc2Id } from './ids.ts';
import { snapshotXml } from './snapshot-view.ts';
import type { Ec2Snapshot } from './state.ts';

/**
 * CreateSnapshot of a volume: the snapshot starts `pending` and is `completed` once the sim clock
 * passes `transitionMs` (progress grows meanwhile). The response is the snapshot itself.
 */
export const createSnapshot: AwsOperation = {
  name: 'CreateSnapshot',
  mutating: true,
  handle: ({ params, regionState, sim, account }) => {
    const volumeId = params.require('VolumeId');
    if (!isEc2Id(volumeId, 'vol'))
      throw new AwsError('InvalidVolumeID.Malformed', `Invalid id: "${volumeId}" (expecting "vol-...")`);
    const ec2 = regionState.ec2;
    const volume = ec2.volumes.get(volumeId);
    if (!volume) throw new AwsError('InvalidVolume.NotFound', `The volume '${volumeId}' does not exist.`);
    const description = params.get('Description') ?? '';
    if (description.length > 255)
      throw new AwsError('InvalidParameterValue', 'Description must be at most 255 characters');
    const tags = tagSpecifications(params, 'snapshot');
    checkDryRun(params);
    const now = Math.floor(sim.clock.now() / 1000) * 1000;
    const snapshot: Ec2Snapshot = {
      id: ec2Id(ec2.rng, 'snap'),
      volumeId,
      volumeSize: volume.size,
      startTime: now,
      description,
      encrypted: volume.encrypted,
      kmsKeyId: volume.kmsKeyId,
      ownerId: account.id,
      public: false,
      sharedWith: [],
      state: 'completed',
      tags,
    };
    begin(snapshot, 'pending', 'completed', sim.timing.transitionMs, sim.clock);
    ec2.snapshots.set(snapshot.id, snapshot);
    return snapshotXml(snapshot, sim.clock);
  },
};
