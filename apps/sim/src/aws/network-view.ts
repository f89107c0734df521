import type { AwsRegionState } from './estate.ts';

/** A VPC as the services placed in it (RDS, Lambda, EKS) need to see it. */
export interface VpcPlacement {
  vpcId: string;
  subnets: { id: string; az: string }[];
  securityGroupIds: string[];
}

/**
 * The VPCs of one region with their subnets and security groups, read from the EC2 state so that
 * an RDS instance's subnet group, a Lambda function's VpcConfig and an EKS cluster's
 * resourcesVpcConfig point at subnets and groups DescribeSubnets / DescribeSecurityGroups list.
 * VPCs without a subnet are left out; an empty list means the region has no usable VPC.
 */
export function vpcPlacements(region: AwsRegionState): VpcPlacement[] {
  const ec2 = region.ec2 as unknown as Partial<Ec2Like>;
  const vpcs = new Map<string, VpcPlacement>();
  for (const vpc of ec2.vpcs ?? []) vpcs.set(vpc.id, { vpcId: vpc.id, subnets: [], securityGroupIds: [] });
  for (const subnet of ec2.subnets ?? []) vpcs.get(subnet.vpcId)?.subnets.push({ id: subnet.id, az: subnet.az });
  for (const group of ec2.securityGroups ?? []) vpcs.get(group.vpcId)?.securityGroupIds.push(group.id);
  return [...vpcs.values()].filter((v) => v.subnets.length > 0);
}

/** The parts of the EC2 state read here (kept loose until the EC2 records settle). */
interface Ec2Like {
  vpcs: { id: string }[];
  subnets: { id: string; vpcId: string; az: string }[];
  securityGroups: { id: string; vpcId: string }[];
}
