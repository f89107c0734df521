import type { Snapshot } from '@aws-sdk/client-ec2';
import type { Resource } from '@escher/protocol';
import { ec2Arn, kmsKeyArn } from '../core/arn.ts';
import { rel, toResource } from '../core/resource.ts';
import type { RecordScope } from '../core/scope.ts';
import { normaliseState } from '../core/states.ts';
import { nameTag, tagRecord } from '../core/tags.ts';

/** EC2 names this placeholder volume id on snapshots copied from another snapshot. */
const NO_VOLUME = 'vol-ffffffff';

/**
 * An EBS snapshot as a `compute.snapshot`. `size` is the source volume's size in GiB; `public`
 * says whether anyone may create a volume from it (listed by `RestorableByUserIds: all`).
 */
export function normaliseSnapshot(snapshot: Snapshot, scope: RecordScope, isPublic: boolean): Resource {
  const { account, region } = scope;
  const id = snapshot.SnapshotId ?? '';
  const tags = tagRecord(snapshot.Tags);
  const volumeId = snapshot.VolumeId && snapshot.VolumeId !== NO_VOLUME ? snapshot.VolumeId : undefined;
  return toResource({
    arn: ec2Arn(region, account, 'snapshot', id),
    account,
    region,
    type: 'compute.snapshot',
    nativeType: 'AWS::EC2::Snapshot',
    name: nameTag(tags) ?? id,
    state: normaliseState('snapshot', snapshot.State),
    tags,
    createdAt: snapshot.StartTime,
    attributes: {
      snapshotId: id,
      nativeState: snapshot.State,
      size: snapshot.VolumeSize,
      sizeGiB: snapshot.VolumeSize,
      encrypted: snapshot.Encrypted === true,
      kmsKeyId: snapshot.KmsKeyId,
      public: isPublic,
      volumeId,
      description: snapshot.Description || undefined,
      progress: snapshot.Progress,
      storageTier: snapshot.StorageTier,
    },
    relationships: [
      rel('snapshot-of', volumeId ? ec2Arn(region, account, 'volume', volumeId) : undefined),
      rel('uses-key', kmsKeyArn(region, account, snapshot.KmsKeyId)),
    ],
  });
}
