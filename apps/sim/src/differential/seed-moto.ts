import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AttachVolumeCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateSubnetCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  RunInstancesCommand,
  type Tag,
} from '@aws-sdk/client-ec2';
import { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { AwsClients } from './clients.ts';

/**
 * The estate the differential tests create in moto with the SDK: the same kinds of resources the
 * simulator generates, a few of each, so every Describe/List returns non-empty, realistic items.
 * Ids are returned so tests can aim the same call at an equivalent resource on each side.
 */
export interface Ec2Ids {
  vpcId: string;
  subnetIds: string[];
  securityGroupId: string;
  /** Running instances; tests each take their own so mutations do not collide. */
  instanceIds: string[];
  /** A volume attached to `instanceIds[0]` (besides the root volumes moto attaches). */
  attachedVolumeId: string;
  /** A volume attached to nothing. */
  detachedVolumeIds: string[];
  snapshotId: string;
  /** Elastic IPs: the first associated with an instance, the rest free. */
  allocationIds: string[];
}

export const MOTO_AMI = 'ami-12c6146b';
export const DIFF_TAGS: Tag[] = [
  { Key: 'env', Value: 'dev' },
  { Key: 'owner', Value: 'team-differential' },
  { Key: 'Name', Value: 'diff-web-1' },
];

/** Creates a VPC with two subnets, an open security group, instances, volumes, a snapshot and EIPs. */
export async function seedMotoEc2(c: AwsClients, instances = 8): Promise<Ec2Ids> {
  const region = await c.ec2.config.region();
  const tags = (
    ResourceType: 'instance' | 'volume' | 'vpc' | 'subnet' | 'security-group' | 'snapshot' | 'elastic-ip',
  ) => [{ ResourceType, Tags: DIFF_TAGS }];
  const vpc = await c.ec2.send(
    new CreateVpcCommand({ CidrBlock: '10.40.0.0/16', TagSpecifications: tags('vpc') }),
  );
  const vpcId = vpc.Vpc!.VpcId!;
  const subnetIds: string[] = [];
  for (const [i, az] of ['a', 'b'].entries()) {
    const subnet = await c.ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: `10.40.${i}.0/24`,
        AvailabilityZone: `${region}${az}`,
        TagSpecifications: tags('subnet'),
      }),
    );
    subnetIds.push(subnet.Subnet!.SubnetId!);
  }
  const sg = await c.ec2.send(
    new CreateSecurityGroupCommand({
      GroupName: 'diff-open-ssh',
      Description: 'ssh from anywhere',
      VpcId: vpcId,
      TagSpecifications: tags('security-group'),
    }),
  );
  const securityGroupId = sg.GroupId!;
  await c.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: securityGroupId,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'ssh' }],
        },
        {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          IpRanges: [{ CidrIp: '10.0.0.0/8' }],
          Ipv6Ranges: [{ CidrIpv6: '::/0' }],
        },
      ],
    }),
  );
  const run = await c.ec2.send(
    new RunInstancesCommand({
      ImageId: MOTO_AMI,
      InstanceType: 't3.micro',
      MinCount: instances,
      MaxCount: instances,
      SubnetId: subnetIds[0],
      SecurityGroupIds: [securityGroupId],
      TagSpecifications: tags('instance'),
    }),
  );
  const instanceIds = run.Instances!.map((i) => i.InstanceId!);
  const az = `${region}a`;
  const volume = (): Promise<string> =>
    c.ec2
      .send(
        new CreateVolumeCommand({
          AvailabilityZone: az,
          Size: 20,
          VolumeType: 'gp3',
          Encrypted: true,
          TagSpecifications: tags('volume'),
        }),
      )
      .then((v) => v.VolumeId!);
  const attachedVolumeId = await volume();
  await c.ec2.send(
    new AttachVolumeCommand({ VolumeId: attachedVolumeId, InstanceId: instanceIds[0], Device: '/dev/sdf' }),
  );
  const detachedVolumeIds = [await volume(), await volume()];
  const snapshot = await c.ec2.send(
    new CreateSnapshotCommand({
      VolumeId: attachedVolumeId,
      Description: 'nightly',
      TagSpecifications: tags('snapshot'),
    }),
  );
  const allocationIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const eip = await c.ec2.send(
      new AllocateAddressCommand({ Domain: 'vpc', TagSpecifications: tags('elastic-ip') }),
    );
    allocationIds.push(eip.AllocationId!);
  }
  await c.ec2.send(
    new AssociateAddressCommand({ AllocationId: allocationIds[0], InstanceId: instanceIds[0] }),
  );
  return {
    vpcId,
    subnetIds,
    securityGroupId,
    instanceIds,
    attachedVolumeId,
    detachedVolumeIds,
    snapshotId: snapshot.SnapshotId!,
    allocationIds,
  };
}

/** CPUUtilization datapoints for `instanceId`, one per 5 minutes over the hour before `end`. */
export async function seedMotoMetrics(c: AwsClients, instanceId: string, end: Date): Promise<void> {
  const points = Array.from({ length: 12 }, (_, i) => ({
    MetricName: 'CPUUtilization',
    Dimensions: [{ Name: 'InstanceId', Value: instanceId }],
    Timestamp: new Date(end.getTime() - (i + 1) * 300_000),
    Value: 3 + (i % 5),
    Unit: 'Percent' as const,
  }));
  await c.cloudwatch.send(new PutMetricDataCommand({ Namespace: 'AWS/EC2', MetricData: points }));
}
