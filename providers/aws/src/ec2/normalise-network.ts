import type { Subnet, Vpc } from '@aws-sdk/client-ec2';
import type { Resource } from '@escher/protocol';
import { ec2Arn, ec2ArnOf } from '../core/arn.ts';
import { rel, toResource } from '../core/resource.ts';
import type { RecordScope } from '../core/scope.ts';
import { normaliseState } from '../core/states.ts';
import { nameTag, tagRecord } from '../core/tags.ts';

/** A VPC as a `network.vpc`; `isDefault` marks the region's default VPC. */
export function normaliseVpc(vpc: Vpc, scope: RecordScope): Resource {
  const { account, region } = scope;
  const id = vpc.VpcId ?? '';
  const tags = tagRecord(vpc.Tags);
  return toResource({
    arn: ec2Arn(region, account, 'vpc', id),
    account,
    region,
    type: 'network.vpc',
    nativeType: 'AWS::EC2::VPC',
    name: nameTag(tags) ?? id,
    state: normaliseState('network', vpc.State),
    tags,
    attributes: {
      vpcId: id,
      nativeState: vpc.State,
      cidr: vpc.CidrBlock,
      cidrs: (vpc.CidrBlockAssociationSet ?? []).map((c) => c.CidrBlock).filter(Boolean),
      ipv6Cidrs: (vpc.Ipv6CidrBlockAssociationSet ?? []).map((c) => c.Ipv6CidrBlock).filter(Boolean),
      isDefault: vpc.IsDefault === true,
      tenancy: vpc.InstanceTenancy,
    },
    relationships: [],
  });
}

/** A subnet as a `network.subnet`; `public` when it gives instances public IPs at launch. */
export function normaliseSubnet(subnet: Subnet, scope: RecordScope): Resource {
  const { account, region } = scope;
  const id = subnet.SubnetId ?? '';
  const tags = tagRecord(subnet.Tags);
  return toResource({
    arn: ec2Arn(region, account, 'subnet', id),
    account,
    region,
    zone: subnet.AvailabilityZone,
    type: 'network.subnet',
    nativeType: 'AWS::EC2::Subnet',
    name: nameTag(tags) ?? id,
    state: normaliseState('network', subnet.State),
    tags,
    attributes: {
      subnetId: id,
      nativeState: subnet.State,
      cidr: subnet.CidrBlock,
      vpcId: subnet.VpcId,
      public: subnet.MapPublicIpOnLaunch === true,
      defaultForAz: subnet.DefaultForAz === true,
      availableIps: subnet.AvailableIpAddressCount,
    },
    relationships: [rel('in-vpc', ec2ArnOf(region, account, 'vpc', subnet.VpcId))],
  });
}
