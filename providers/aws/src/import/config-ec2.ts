import type {
  Address,
  Instance,
  IpPermission,
  SecurityGroup,
  Subnet,
  Volume,
  Vpc,
} from '@aws-sdk/client-ec2';
import type { Resource } from '@escher/protocol';
import type { RecordScope } from '../core/scope.ts';
import { normaliseAddress } from '../ec2/normalise-address.ts';
import { normaliseInstance } from '../ec2/normalise-instance.ts';
import { normaliseSubnet, normaliseVpc } from '../ec2/normalise-network.ts';
import { normaliseSecurityGroup } from '../ec2/normalise-security-group.ts';
import { normaliseVolume } from '../ec2/normalise-volume.ts';
import type { ConfigItem } from './config-item.ts';
import { readTags, sdkTags, toSdkShape } from './config-shape.ts';
import { invalidRecord } from './import-outcome.ts';

/**
 * The SDK tag list of a record: its configuration's own list in whatever spelling Config used
 * (`{key, value}`, `{tagName, tagValue}`), else the item's tag map.
 */
export function sdkTagList(own: unknown, item: ConfigItem): { Key: string; Value: string }[] | undefined {
  const fromConfig = readTags(own);
  const tags = fromConfig && Object.keys(fromConfig).length ? fromConfig : item.tags;
  return tags ? sdkTags(tags) : undefined;
}

/** The SDK record of an item's configuration, with its tags as the SDK lists them. */
export function sdkRecord<T extends { Tags?: unknown }>(item: ConfigItem): T {
  const record = toSdkShape(item.configuration) as T;
  const tags = sdkTagList(record.Tags, item);
  if (tags) record.Tags = tags as T['Tags'];
  return record;
}

/** Where the item lives, for the normalisers' ARNs and relationships. */
export function scopeOf(item: ConfigItem): RecordScope {
  return { account: item.accountId, region: item.awsRegion };
}

/** The resource id: the configuration's own id field, else the item's `resourceId`. */
export function requireId(item: ConfigItem, own: string | undefined, field: string): string {
  const id = own ?? item.resourceId;
  if (!id) throw invalidRecord(`${item.path}.resourceId`, `missing (and no configuration.${field})`);
  return id;
}

/** An `AWS::EC2::Instance` item; its state may be `{code, name}`, `{value}` or a bare string. */
export function importInstance(item: ConfigItem): Resource {
  const instance = sdkRecord<Instance>(item);
  instance.InstanceId = requireId(item, instance.InstanceId, 'instanceId');
  // Advanced queries spell the state `{ value }` where the snapshot has `{ code, name }`.
  const state = instance.State as { Name?: string; Value?: string } | string | undefined;
  if (typeof state === 'string') instance.State = { Name: state as never };
  else if (state && !state.Name && state.Value) instance.State = { Name: state.Value as never };
  return normaliseInstance(instance, scopeOf(item));
}

/** An `AWS::EC2::Volume` item. */
export function importVolume(item: ConfigItem): Resource {
  const volume = sdkRecord<Volume>(item);
  volume.VolumeId = requireId(item, volume.VolumeId, 'volumeId');
  return normaliseVolume(volume, scopeOf(item));
}

/**
 * Config writes each rule's IPv4 ranges twice: `ipRanges` as plain CIDR strings (the Java SDK's
 * legacy field) and `ipv4Ranges` as `{cidrIp}` objects. The SDK v3 shape has only `IpRanges`
 * of objects.
 */
function permissions(list: unknown): IpPermission[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.map((p: Record<string, unknown>) => {
    const { Ipv4Ranges, IpRanges, ...rest } = p;
    const ranges = (Array.isArray(Ipv4Ranges) && Ipv4Ranges.length ? Ipv4Ranges : IpRanges) as unknown[];
    return {
      ...rest,
      IpRanges: (ranges ?? []).map((r) => (typeof r === 'string' ? { CidrIp: r } : r)),
    } as IpPermission;
  });
}

/** An `AWS::EC2::SecurityGroup` item, its rules in the SDK's shape. */
export function importSecurityGroup(item: ConfigItem): Resource {
  const group = sdkRecord<SecurityGroup>(item);
  group.GroupId = requireId(item, group.GroupId, 'groupId');
  group.IpPermissions = permissions(group.IpPermissions);
  group.IpPermissionsEgress = permissions(group.IpPermissionsEgress);
  return normaliseSecurityGroup(group, scopeOf(item));
}

/** An `AWS::EC2::EIP` item. */
export function importAddress(item: ConfigItem): Resource {
  const address = sdkRecord<Address>(item);
  if (!address.AllocationId && !address.PublicIp)
    address.AllocationId = requireId(item, undefined, 'allocationId');
  return normaliseAddress(address, scopeOf(item));
}

/** An `AWS::EC2::VPC` item. */
export function importVpc(item: ConfigItem): Resource {
  const vpc = sdkRecord<Vpc>(item);
  vpc.VpcId = requireId(item, vpc.VpcId, 'vpcId');
  return normaliseVpc(vpc, scopeOf(item));
}

/** An `AWS::EC2::Subnet` item. */
export function importSubnet(item: ConfigItem): Resource {
  const subnet = sdkRecord<Subnet>(item);
  subnet.SubnetId = requireId(item, subnet.SubnetId, 'subnetId');
  return normaliseSubnet(subnet, scopeOf(item));
}
