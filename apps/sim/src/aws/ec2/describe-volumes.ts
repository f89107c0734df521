import type { AwsOperation } from '../operation.ts';
import { items } from '../protocol/xml.ts';
import { zonesOf } from './catalog.ts';
import { pageOf, selectByIds, tagSet } from './ec2-request.ts';
import { applyFilters, type FilterTable } from './filters.ts';
import { AwsError } from '../protocol/aws-error.ts';
import type { Ec2Volume } from './state.ts';

const FILTERS: FilterTable<Ec2Volume> = {
  'volume-id': (v) => v.id,
  status: (v) => v.state,
  size: (v) => v.size,
  'volume-type': (v) => v.volumeType,
  'availability-zone': (v) => v.az,
  encrypted: (v) => v.encrypted,
  'snapshot-id': (v) => v.snapshotId,
  'attachment.instance-id': (v) => v.attachment?.instanceId,
  'attachment.device': (v) => v.attachment?.device,
  'attachment.status': (v) => (v.attachment ? 'attached' : undefined),
  'attachment.delete-on-termination': (v) => v.attachment?.deleteOnTermination,
  'attachment.attach-time': (v) =>
    v.attachment ? new Date(v.attachment.attachTime).toISOString() : undefined,
  'create-time': (v) => new Date(v.createTime).toISOString(),
  'multi-attach-enabled': () => false,
  'fast-restored': () => false,
};

/** One `volumeSet/item`. */
export function volumeXml(v: Ec2Volume, region: string): object {
  return {
    volumeId: v.id,
    size: v.size,
    snapshotId: v.snapshotId,
    availabilityZone: v.az,
    availabilityZoneId: zonesOf(region).find((z) => z.name === v.az)?.id,
    status: v.state,
    createTime: new Date(v.createTime),
    attachmentSet: items(
      v.attachment
        ? [
            {
              volumeId: v.id,
              instanceId: v.attachment.instanceId,
              device: v.attachment.device,
              status: 'attached',
              attachTime: new Date(v.attachment.attachTime),
              deleteOnTermination: v.attachment.deleteOnTermination,
            },
          ]
        : [],
    ),
    encrypted: v.encrypted,
    kmsKeyId: v.kmsKeyId,
    tagSet: tagSet(v.tags),
    volumeType: v.volumeType,
    iops: v.iops,
    throughput: v.throughput,
    multiAttachEnabled: false,
  };
}

/** DescribeVolumes: `VolumeId.N` or `Filter.N`, paged by `MaxResults` (5–500) / `NextToken`. */
export const describeVolumes: AwsOperation = {
  name: 'DescribeVolumes',
  handle: (call) => {
    const { params, regionState, region } = call;
    const volumes = regionState.ec2.volumes;
    const base = selectByIds(params, {
      param: 'VolumeId',
      prefix: 'vol',
      malformed: 'InvalidVolumeID.Malformed',
      listName: 'volumeSet',
      get: (id) => volumes.get(id),
      notFound: (missing) =>
        new AwsError('InvalidVolume.NotFound', `The volume '${missing[0]}' does not exist.`),
      all: () => [...volumes.values()],
    });
    const page = pageOf(
      call,
      applyFilters(params, base, FILTERS, (v) => v.tags),
      { min: 5, max: 500 },
    );
    return { volumeSet: items(page.items.map((v) => volumeXml(v, region))), nextToken: page.nextToken };
  },
};
