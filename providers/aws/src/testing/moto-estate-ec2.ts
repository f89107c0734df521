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
  EC2Client,
  RunInstancesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  MOTO_ACCOUNT,
  estateTags as tags,
  tagSpec as spec,
  type EstateContext,
  type EstateNetwork,
} from './moto-estate-context.ts';

/**
 * The EC2 part of the moto estate: a VPC with two subnets and a world-open SSH group, three
 * instances (one stopped), an attached encrypted and an unattached plain volume, a snapshot, and
 * two Elastic IPs (one associated).
 */
export async function createEc2Estate({ config, region, created }: EstateContext): Promise<EstateNetwork> {
  const AMI = 'ami-12c6146b';
  const arn = (kind: string, id: string) => `arn:aws:ec2:${region}:${MOTO_ACCOUNT}:${kind}/${id}`;
  const ec2 = new EC2Client(config);
  const vpcTags = tags('prod', 'moto-vpc');
  const vpc = await ec2.send(
    new CreateVpcCommand({ CidrBlock: '10.60.0.0/16', TagSpecifications: spec('vpc', vpcTags) }),
  );
  const vpcId = vpc.Vpc!.VpcId!;
  created.resources.set(arn('vpc', vpcId), { type: 'network.vpc', state: 'available', tags: vpcTags });
  const subnetIds: string[] = [];
  for (const [i, az] of ['a', 'b'].entries()) {
    const t = tags('prod', `moto-subnet-${az}`);
    const subnet = await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: `10.60.${i}.0/24`,
        AvailabilityZone: `${region}${az}`,
        TagSpecifications: spec('subnet', t),
      }),
    );
    subnetIds.push(subnet.Subnet!.SubnetId!);
    created.resources.set(arn('subnet', subnet.Subnet!.SubnetId!), {
      type: 'network.subnet',
      state: 'available',
      tags: t,
    });
  }
  const sgTags = tags('dev', 'moto-open-ssh');
  const sg = await ec2.send(
    new CreateSecurityGroupCommand({
      GroupName: 'moto-open-ssh',
      Description: 'ssh from anywhere',
      VpcId: vpcId,
      TagSpecifications: spec('security-group', sgTags),
    }),
  );
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: sg.GroupId!,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    }),
  );
  created.resources.set(arn('security-group', sg.GroupId!), {
    type: 'network.firewall',
    tags: sgTags,
    attributes: { openSsh: true, openRdp: false, openAll: false },
  });

  const instanceTags = tags('staging', 'moto-web');
  const run = await ec2.send(
    new RunInstancesCommand({
      ImageId: AMI,
      InstanceType: 't3.small',
      MinCount: 3,
      MaxCount: 3,
      SubnetId: subnetIds[0],
      SecurityGroupIds: [sg.GroupId!],
      TagSpecifications: spec('instance', instanceTags),
    }),
  );
  created.instanceIds = run.Instances!.map((i) => i.InstanceId!);
  await ec2.send(new StopInstancesCommand({ InstanceIds: [created.instanceIds[2]!] }));
  created.instanceIds.forEach((id, i) =>
    created.resources.set(arn('instance', id), {
      type: 'compute.instance',
      state: i === 2 ? 'stopped' : 'running',
      tags: instanceTags,
      attributes: { size: 't3.small' },
    }),
  );

  const volume = async (name: string, encrypted: boolean) => {
    const t = tags('dev', name);
    const v = await ec2.send(
      new CreateVolumeCommand({
        AvailabilityZone: `${region}a`,
        Size: 20,
        VolumeType: 'gp3',
        Encrypted: encrypted,
        TagSpecifications: spec('volume', t),
      }),
    );
    return { id: v.VolumeId!, tags: t };
  };
  const data = await volume('moto-data', true);
  await ec2.send(
    new AttachVolumeCommand({ VolumeId: data.id, InstanceId: created.instanceIds[0]!, Device: '/dev/sdf' }),
  );
  created.resources.set(arn('volume', data.id), {
    type: 'compute.volume',
    state: 'in-use',
    tags: data.tags,
    attributes: { encrypted: true, attached: true, size: 20 },
  });
  const spare = await volume('moto-spare', false);
  created.resources.set(arn('volume', spare.id), {
    type: 'compute.volume',
    state: 'available',
    tags: spare.tags,
    attributes: { encrypted: false, attached: false },
  });
  const snapTags = tags('dev', 'moto-nightly');
  const snap = await ec2.send(
    new CreateSnapshotCommand({
      VolumeId: data.id,
      Description: 'nightly',
      TagSpecifications: spec('snapshot', snapTags),
    }),
  );
  created.resources.set(arn('snapshot', snap.SnapshotId!), {
    type: 'compute.snapshot',
    tags: snapTags,
    // Not `public`: moto ignores DescribeSnapshots' RestorableByUserIds and lists every snapshot as
    // restorable by all (AWS lists only public ones), so the flag cannot be checked against it.
    attributes: { encrypted: true, size: 20 },
  });
  for (const [i, associate] of [true, false].entries()) {
    const t = tags('prod', `moto-eip-${i}`);
    const eip = await ec2.send(
      new AllocateAddressCommand({ Domain: 'vpc', TagSpecifications: spec('elastic-ip', t) }),
    );
    if (associate) {
      await ec2.send(
        new AssociateAddressCommand({ AllocationId: eip.AllocationId!, InstanceId: created.instanceIds[0]! }),
      );
    }
    created.resources.set(arn('elastic-ip', eip.AllocationId!), {
      type: 'network.ip',
      state: associate ? 'in-use' : 'available',
      tags: t,
      attributes: { associated: associate },
    });
  }
  ec2.destroy();
  return { vpcId, subnetIds, securityGroupId: sg.GroupId! };
}
