import {
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  type Tag,
} from '@aws-sdk/client-ec2';
import { DescribeClusterCommand, ListClustersCommand } from '@aws-sdk/client-eks';
import { DescribeLoadBalancersCommand, DescribeTagsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
} from '@aws-sdk/client-kms';
import { ListFunctionsCommand, ListTagsCommand } from '@aws-sdk/client-lambda';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { ClientPool, type AwsClients } from '../clients.ts';
import { configCase, item, tagMap, type Json } from './config-item-builder.testing.ts';
import { globalItems } from './config-snapshot-global.testing.ts';

/*
 * Test support: reads an account of the simulator through the SDK, the way AWS Config's recorder
 * reads it, and writes the configuration items Config would deliver — Java-SDK camelCase
 * (`dBInstanceIdentifier`, `dNSName`, `kmskeyArn`), CIs' `tags` as a map, EC2 configuration tags
 * as `[{key, value}]`, security-group rules with both `ipRanges` strings and `ipv4Ranges`
 * objects, timestamps as `2024-01-01T00:00:00.000+0000`, S3 settings in
 * `supplementaryConfiguration` (the ACL a JSON string), EKS in its CloudFormation shape.
 * Page sizes are the simulator's small estate's; nothing here pages.
 */

/** EC2 records keep their tags inside the configuration, as `[{key, value}]`. */
function ec2Config(record: { Tags?: Tag[] }): unknown {
  return configCase(record);
}

/** Config's serialised security-group rule: `ipRanges` strings beside `ipv4Ranges` objects. */
function sgConfig(group: Json): unknown {
  const config = configCase(group) as Json;
  for (const key of ['ipPermissions', 'ipPermissionsEgress']) {
    config[key] = ((config[key] as Json[] | undefined) ?? []).map((p) => {
      const ranges = (p['ipRanges'] as { cidrIp?: string }[] | undefined) ?? [];
      return { ...p, ipv4Ranges: ranges, ipRanges: ranges.map((r) => r.cidrIp) };
    });
  }
  return config;
}

/** Every configuration item of one account, for its regions and its global resources. */
export async function readConfigItems(
  endpoint: string,
  account: string,
  regions: readonly string[],
): Promise<Json[]> {
  const pool = new ClientPool({ endpoint });
  const creds = async () => ({ accessKeyId: `AKIA${account}CFG`, secretAccessKey: 'config-recorder' });
  try {
    const items: Json[] = [];
    for (const region of regions)
      items.push(...(await regionItems(pool.get(account, region, creds), account, region)));
    items.push(...(await globalItems(pool, pool.get(account, 'us-east-1', creds), account, creds)));
    return items;
  } finally {
    pool.destroy();
  }
}

async function regionItems(c: AwsClients, account: string, region: string): Promise<Json[]> {
  const out: Json[] = [];
  const base = { account, region };
  const reservations = (await c.ec2.send(new DescribeInstancesCommand({}))).Reservations ?? [];
  for (const i of reservations.flatMap((r) => r.Instances ?? []))
    out.push(
      item({
        ...base,
        type: 'AWS::EC2::Instance',
        id: i.InstanceId!,
        zone: i.Placement?.AvailabilityZone,
        created: i.LaunchTime,
        tags: tagMap(i.Tags),
        configuration: ec2Config(i),
      }),
    );
  for (const v of (await c.ec2.send(new DescribeVolumesCommand({}))).Volumes ?? [])
    out.push(
      item({
        ...base,
        type: 'AWS::EC2::Volume',
        id: v.VolumeId!,
        zone: v.AvailabilityZone,
        created: v.CreateTime,
        tags: tagMap(v.Tags),
        configuration: ec2Config(v),
      }),
    );
  for (const g of (await c.ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [])
    out.push(
      item({
        ...base,
        type: 'AWS::EC2::SecurityGroup',
        id: g.GroupId!,
        name: g.GroupName,
        tags: tagMap(g.Tags),
        configuration: sgConfig(g as Json),
      }),
    );
  for (const a of (await c.ec2.send(new DescribeAddressesCommand({}))).Addresses ?? [])
    out.push(
      item({
        ...base,
        type: 'AWS::EC2::EIP',
        id: a.AllocationId!,
        tags: tagMap(a.Tags),
        configuration: ec2Config(a),
      }),
    );
  for (const v of (await c.ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? [])
    out.push(
      item({
        ...base,
        type: 'AWS::EC2::VPC',
        id: v.VpcId!,
        tags: tagMap(v.Tags),
        configuration: ec2Config(v),
      }),
    );
  for (const s of (await c.ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? [])
    out.push(
      item({
        ...base,
        type: 'AWS::EC2::Subnet',
        id: s.SubnetId!,
        zone: s.AvailabilityZone,
        tags: tagMap(s.Tags),
        configuration: ec2Config(s),
      }),
    );

  const lbs = (await c.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
  const lbTags = lbs.length
    ? ((await c.elbv2.send(new DescribeTagsCommand({ ResourceArns: lbs.map((l) => l.LoadBalancerArn!) })))
        .TagDescriptions ?? [])
    : [];
  for (const lb of lbs)
    out.push(
      item({
        ...base,
        type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        id: lb.LoadBalancerArn!,
        arn: lb.LoadBalancerArn,
        name: lb.LoadBalancerName,
        created: lb.CreatedTime,
        tags: tagMap(lbTags.find((t) => t.ResourceArn === lb.LoadBalancerArn)?.Tags),
        configuration: configCase(lb),
      }),
    );

  for (const db of (await c.rds.send(new DescribeDBInstancesCommand({}))).DBInstances ?? [])
    out.push(
      item({
        ...base,
        type: 'AWS::RDS::DBInstance',
        id: db.DbiResourceId ?? db.DBInstanceIdentifier!,
        name: db.DBInstanceIdentifier,
        arn: db.DBInstanceArn,
        created: db.InstanceCreateTime,
        tags: tagMap(db.TagList),
        configuration: configCase(db),
      }),
    );

  for (const fn of (await c.lambda.send(new ListFunctionsCommand({}))).Functions ?? []) {
    const tags = (await c.lambda.send(new ListTagsCommand({ Resource: fn.FunctionArn! }))).Tags ?? {};
    out.push(
      item({
        ...base,
        type: 'AWS::Lambda::Function',
        id: fn.FunctionName!,
        name: fn.FunctionName,
        arn: fn.FunctionArn,
        tags,
        configuration: configCase(fn),
      }),
    );
  }

  for (const name of (await c.eks.send(new ListClustersCommand({}))).clusters ?? []) {
    const cl = (await c.eks.send(new DescribeClusterCommand({ name }))).cluster!;
    const vpc = cl.resourcesVpcConfig ?? {};
    // The CloudFormation resource shape Config records EKS clusters in.
    const configuration = {
      Name: cl.name,
      Arn: cl.arn,
      Version: cl.version,
      RoleArn: cl.roleArn,
      Endpoint: cl.endpoint,
      ClusterStatus: cl.status,
      ResourcesVpcConfig: {
        SubnetIds: vpc.subnetIds,
        SecurityGroupIds: vpc.securityGroupIds,
        EndpointPublicAccess: vpc.endpointPublicAccess,
        EndpointPrivateAccess: vpc.endpointPrivateAccess,
        PublicAccessCidrs: vpc.publicAccessCidrs,
      },
      EncryptionConfig: (cl.encryptionConfig ?? []).map((e) => ({
        Provider: { KeyArn: e.provider?.keyArn },
        Resources: e.resources,
      })),
      Logging: {
        ClusterLogging: {
          EnabledTypes: (cl.logging?.clusterLogging ?? [])
            .filter((l) => l.enabled)
            .flatMap((l) => (l.types ?? []).map((Type) => ({ Type }))),
        },
      },
      Tags: Object.entries(cl.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
    };
    out.push(
      item({
        ...base,
        type: 'AWS::EKS::Cluster',
        id: cl.name!,
        name: cl.name,
        arn: cl.arn,
        created: cl.createdAt,
        tags: cl.tags ?? {},
        configuration,
        relationships: vpc.vpcId
          ? [{ resourceId: vpc.vpcId, resourceType: 'AWS::EC2::VPC', name: 'Is contained in Vpc' }]
          : [],
      }),
    );
  }

  for (const alias of (await c.kms.send(new ListAliasesCommand({}))).Aliases ?? []) {
    if (!alias.TargetKeyId) continue;
    out.push(
      item({
        ...base,
        type: 'AWS::KMS::Alias',
        id: alias.AliasName!,
        arn: alias.AliasArn,
        tags: {},
        configuration: { AliasName: alias.AliasName, TargetKeyId: alias.TargetKeyId },
      }),
    );
  }
  for (const entry of (await c.kms.send(new ListKeysCommand({}))).Keys ?? []) {
    const meta = (await c.kms.send(new DescribeKeyCommand({ KeyId: entry.KeyId! }))).KeyMetadata!;
    const customer = meta.KeyManager === 'CUSTOMER';
    const rotation =
      customer && ['Enabled', 'Disabled'].includes(meta.KeyState ?? '')
        ? (await c.kms.send(new GetKeyRotationStatusCommand({ KeyId: entry.KeyId! }))).KeyRotationEnabled
        : undefined;
    const tags = customer
      ? ((await c.kms.send(new ListResourceTagsCommand({ KeyId: entry.KeyId! }))).Tags ?? [])
      : [];
    out.push(
      item({
        ...base,
        type: 'AWS::KMS::Key',
        id: entry.KeyId!,
        arn: meta.Arn,
        created: meta.CreationDate,
        tags: Object.fromEntries(tags.map((t) => [t.TagKey, t.TagValue])),
        configuration: configCase(meta),
        supplementary: rotation === undefined ? {} : { KeyRotationStatus: rotation },
      }),
    );
  }
  return out;
}
