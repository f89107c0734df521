import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { items } from '../protocol/xml.ts';
import { checkDryRun, idList, tagSet } from './ec2-request.ts';
import { applyFilters, type FilterTable } from './filters.ts';
import type { Ec2Address } from './state.ts';

const FILTERS: FilterTable<Ec2Address> = {
  'allocation-id': (a) => a.allocationId,
  'association-id': (a) => a.associationId,
  'instance-id': (a) => a.instanceId,
  'network-interface-id': (a) => a.networkInterfaceId,
  'network-interface-owner-id': (a) => a.networkInterfaceOwnerId,
  'private-ip-address': (a) => a.privateIp,
  'public-ip': (a) => a.publicIp,
  domain: () => 'vpc',
  'network-border-group': (a) => a.networkBorderGroup,
};

/** One `addressesSet/item`. */
export function addressXml(a: Ec2Address): object {
  return {
    publicIp: a.publicIp,
    allocationId: a.allocationId,
    domain: 'vpc',
    instanceId: a.instanceId,
    associationId: a.associationId,
    networkInterfaceId: a.networkInterfaceId,
    networkInterfaceOwnerId: a.networkInterfaceOwnerId,
    privateIpAddress: a.privateIp,
    tagSet: tagSet(a.tags),
    publicIpv4Pool: 'amazon',
    networkBorderGroup: a.networkBorderGroup,
  };
}

/** DescribeAddresses (Elastic IPs; not paginated): `AllocationId.N`, `PublicIp.N`, `Filter.N`. */
export const describeAddresses: AwsOperation = {
  name: 'DescribeAddresses',
  handle: ({ params, regionState }) => {
    const addresses = regionState.ec2.addresses;
    const ids = idList(params, 'AllocationId', 'eipalloc', 'InvalidAllocationID.Malformed');
    const ips = params.list('PublicIp');
    checkDryRun(params);
    let base = [...addresses.values()];
    if (ids.length > 0) {
      const missing = ids.find((id) => !addresses.has(id));
      if (missing)
        throw new AwsError('InvalidAllocationID.NotFound', `The allocation ID '${missing}' does not exist`);
      base = base.filter((a) => ids.includes(a.allocationId));
    }
    if (ips.length > 0) {
      const missing = ips.find((ip) => !base.some((a) => a.publicIp === ip));
      if (missing) throw new AwsError('InvalidAddress.NotFound', `Address '${missing}' not found.`);
      base = base.filter((a) => ips.includes(a.publicIp));
    }
    return { addressesSet: items(applyFilters(params, base, FILTERS, (a) => a.tags).map(addressXml)) };
  },
};
