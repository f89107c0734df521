import type { AwsRegionState } from './estate.ts';

/** A VPC as the services placed in it (RDS, Lambda, EKS) need to see it. */
export interface VpcPlacement {
  vpcId: string;
  isDefault: boolean;
  subnets: { id: string; az: string }[];
  /** The VPC's security groups, the `default` group last. */
  securityGroupIds: string[];
}

/**
 * The VPCs of one region with their subnets and security groups, read from the EC2 state so that
 * an RDS instance's subnet group, a Lambda function's VpcConfig and an EKS cluster's
 * resourcesVpcConfig point at subnets and groups DescribeSubnets / DescribeSecurityGroups list.
 * VPCs without a subnet are left out; an empty list means the region has no usable VPC.
 */
export function vpcPlacements(region: AwsRegionState): VpcPlacement[] {
  const ec2 = region.ec2;
  const vpcs = new Map<string, VpcPlacement & { defaultGroups: string[] }>();
  for (const vpc of ec2.vpcs.values())
    vpcs.set(vpc.id, {
      vpcId: vpc.id,
      isDefault: vpc.isDefault,
      subnets: [],
      securityGroupIds: [],
      defaultGroups: [],
    });
  for (const subnet of ec2.subnets.values())
    vpcs.get(subnet.vpcId)?.subnets.push({ id: subnet.id, az: subnet.az });
  for (const group of ec2.securityGroups.values()) {
    const vpc = vpcs.get(group.vpcId);
    if (vpc) (group.name === 'default' ? vpc.defaultGroups : vpc.securityGroupIds).push(group.id);
  }
  return [...vpcs.values()]
    .filter((v) => v.subnets.length > 0)
    .map(({ defaultGroups, ...v }) => ({
      ...v,
      securityGroupIds: [...v.securityGroupIds, ...defaultGroups],
    }));
}
