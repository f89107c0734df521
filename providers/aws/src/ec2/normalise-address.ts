import type { Address } from '@aws-sdk/client-ec2';
import type { Resource } from '@escher/protocol';
import { ec2Arn, ec2ArnOf } from '../core/arn.ts';
import { rel, toResource } from '../core/resource.ts';
import type { RecordScope } from '../core/scope.ts';
import { nameTag, tagRecord } from '../core/tags.ts';

/**
 * An Elastic IP as a `network.ip`: `in-use` when associated (with an instance or a network
 * interface such as a NAT gateway's), `available` when attached to nothing — still billed.
 */
export function normaliseAddress(address: Address, scope: RecordScope): Resource {
  const { account, region } = scope;
  const id = address.AllocationId ?? address.PublicIp ?? '';
  const tags = tagRecord(address.Tags);
  const associated = Boolean(address.AssociationId ?? address.InstanceId ?? address.NetworkInterfaceId);
  const instance = ec2ArnOf(region, account, 'instance', address.InstanceId || undefined);
  return toResource({
    arn: ec2Arn(region, account, 'elastic-ip', id),
    account,
    region,
    type: 'network.ip',
    nativeType: 'AWS::EC2::EIP',
    name: nameTag(tags) ?? address.PublicIp ?? id,
    state: associated ? 'in-use' : 'available',
    tags,
    attributes: {
      allocationId: address.AllocationId,
      publicIp: address.PublicIp,
      associated,
      associationId: address.AssociationId,
      attachedTo: instance,
      instanceId: address.InstanceId || undefined,
      networkInterfaceId: address.NetworkInterfaceId,
      privateIp: address.PrivateIpAddress,
      domain: address.Domain,
      pool: address.PublicIpv4Pool,
    },
    relationships: [rel('attached-to', instance)],
  });
}
