import type { Volume } from '@aws-sdk/client-ec2';
import type { Resource } from '@escher/protocol';
import { ec2Arn, kmsKeyArn } from '../core/arn.ts';
import { rel, toResource } from '../core/resource.ts';
import type { RecordScope } from '../core/scope.ts';
import { normaliseState } from '../core/states.ts';
import { nameTag, tagRecord } from '../core/tags.ts';

/**
 * An EBS volume as a `compute.volume`. `size` is in GiB; `attachedTo` is the instance ARN (or
 * undefined when the volume hangs on nothing: the unattached-volume check).
 */
export function normaliseVolume(volume: Volume, scope: RecordScope): Resource {
  const { account, region } = scope;
  const id = volume.VolumeId ?? '';
  const tags = tagRecord(volume.Tags);
  const attached = (volume.Attachments ?? []).filter((a) => a.InstanceId && a.State !== 'detached');
  const instances = attached.map((a) => ec2Arn(region, account, 'instance', a.InstanceId!));
  const key = kmsKeyArn(region, account, volume.KmsKeyId);
  return toResource({
    arn: ec2Arn(region, account, 'volume', id),
    account,
    region,
    zone: volume.AvailabilityZone,
    type: 'compute.volume',
    nativeType: 'AWS::EC2::Volume',
    name: nameTag(tags) ?? id,
    state: normaliseState('volume', volume.State),
    tags,
    createdAt: volume.CreateTime,
    attributes: {
      volumeId: id,
      nativeState: volume.State,
      size: volume.Size,
      sizeGiB: volume.Size,
      volumeType: volume.VolumeType,
      iops: volume.Iops,
      throughput: volume.Throughput,
      encrypted: volume.Encrypted === true,
      kmsKeyId: volume.KmsKeyId,
      attached: instances.length > 0,
      attachedTo: instances[0],
      device: attached[0]?.Device,
      deleteOnTermination: attached[0]?.DeleteOnTermination,
      multiAttach: volume.MultiAttachEnabled,
      snapshotId: volume.SnapshotId || undefined,
    },
    relationships: [...instances.map((arn) => rel('attached-to', arn)), rel('uses-key', key)],
  });
}
