import type { Instance } from '@aws-sdk/client-ec2';
import type { Resource } from '@escher/protocol';
import { ec2Arn, ec2ArnOf } from '../core/arn.ts';
import { rel, toResource } from '../core/resource.ts';
import type { RecordScope } from '../core/scope.ts';
import { normaliseState } from '../core/states.ts';
import { nameTag, tagRecord } from '../core/tags.ts';

/**
 * An EC2 instance as a `compute.instance`. `size` is the instance type; `public` says whether it
 * has a public IPv4 address (auto-assigned or Elastic). `createdAt` is when its primary network
 * interface was attached — the launch, whereas LaunchTime moves on every start.
 */
export function normaliseInstance(instance: Instance, scope: RecordScope): Resource {
  const { account, region } = scope;
  const id = instance.InstanceId ?? '';
  const tags = tagRecord(instance.Tags);
  const primary = instance.NetworkInterfaces?.find((n) => n.Attachment?.DeviceIndex === 0);
  const publicIp = instance.PublicIpAddress ?? primary?.Association?.PublicIp;
  const groups = instance.SecurityGroups ?? primary?.Groups ?? [];
  return toResource({
    arn: ec2Arn(region, account, 'instance', id),
    account,
    region,
    zone: instance.Placement?.AvailabilityZone,
    type: 'compute.instance',
    nativeType: 'AWS::EC2::Instance',
    name: nameTag(tags) ?? id,
    state: normaliseState('instance', instance.State?.Name),
    tags,
    createdAt: primary?.Attachment?.AttachTime ?? instance.LaunchTime,
    attributes: {
      instanceId: id,
      nativeState: instance.State?.Name,
      size: instance.InstanceType,
      public: publicIp !== undefined,
      publicIp,
      publicDnsName: instance.PublicDnsName || undefined,
      privateIp: instance.PrivateIpAddress,
      platform: instance.Platform?.toLowerCase() === 'windows' ? 'windows' : 'linux',
      platformDetails: instance.PlatformDetails,
      architecture: instance.Architecture,
      imageId: instance.ImageId,
      keyName: instance.KeyName,
      instanceProfileArn: instance.IamInstanceProfile?.Arn,
      launchTime: instance.LaunchTime?.toISOString(),
      lifecycle: instance.InstanceLifecycle ?? 'on-demand',
      monitoring: instance.Monitoring?.State,
      imdsv2Required: instance.MetadataOptions
        ? instance.MetadataOptions.HttpTokens === 'required'
        : undefined,
      stateReason: instance.StateTransitionReason || undefined,
      vpcId: instance.VpcId,
      subnetId: instance.SubnetId,
    },
    relationships: [
      ...(instance.BlockDeviceMappings ?? []).map((b) =>
        rel('attached-volume', ec2ArnOf(region, account, 'volume', b.Ebs?.VolumeId)),
      ),
      ...groups.map((g) => rel('security-group', ec2ArnOf(region, account, 'security-group', g.GroupId))),
      rel('in-subnet', ec2ArnOf(region, account, 'subnet', instance.SubnetId)),
      rel('in-vpc', ec2ArnOf(region, account, 'vpc', instance.VpcId)),
    ],
  });
}
