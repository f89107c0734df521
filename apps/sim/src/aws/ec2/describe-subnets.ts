import type { AwsOperation } from '../operation.ts';
import { items } from '../protocol/xml.ts';
import { idsNotFound, pageOf, selectByIds, tagSet } from './ec2-request.ts';
import { applyFilters, type FilterTable } from './filters.ts';
import type { Ec2Subnet } from './state.ts';

const FILTERS: FilterTable<Ec2Subnet> = {
  'subnet-id': (s) => s.id,
  'vpc-id': (s) => s.vpcId,
  'availability-zone': (s) => s.az,
  'availability-zone-id': (s) => s.azId,
  'cidr-block': (s) => s.cidr,
  cidr: (s) => s.cidr,
  cidrBlock: (s) => s.cidr,
  'default-for-az': (s) => s.defaultForAz,
  defaultForAz: (s) => s.defaultForAz,
  'map-public-ip-on-launch': (s) => s.mapPublicIpOnLaunch,
  'available-ip-address-count': (s) => s.availableIps,
  state: () => 'available',
  'owner-id': (s) => s.ownerId,
};

/** One `subnetSet/item`. */
export function subnetXml(s: Ec2Subnet, region: string): object {
  return {
    subnetId: s.id,
    subnetArn: `arn:aws:ec2:${region}:${s.ownerId}:subnet/${s.id}`,
    state: 'available',
    ownerId: s.ownerId,
    vpcId: s.vpcId,
    cidrBlock: s.cidr,
    ipv6CidrBlockAssociationSet: items([]),
    availableIpAddressCount: s.availableIps,
    availabilityZone: s.az,
    availabilityZoneId: s.azId,
    defaultForAz: s.defaultForAz,
    mapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
    mapCustomerOwnedIpOnLaunch: false,
    assignIpv6AddressOnCreation: false,
    enableDns64: false,
    ipv6Native: false,
    privateDnsNameOptionsOnLaunch: {
      hostnameType: 'ip-name',
      enableResourceNameDnsARecord: false,
      enableResourceNameDnsAAAARecord: false,
    },
    blockPublicAccessStates: { internetGatewayBlockMode: 'off' },
    tagSet: tagSet(s.tags),
  };
}

/** DescribeSubnets: `SubnetId.N`, `Filter.N`, `MaxResults` (5–1000) / `NextToken`. */
export const describeSubnets: AwsOperation = {
  name: 'DescribeSubnets',
  handle: (call) => {
    const { params, regionState, region } = call;
    const subnets = regionState.ec2.subnets;
    const base = selectByIds(params, {
      param: 'SubnetId',
      prefix: 'subnet',
      malformed: 'InvalidSubnetID.Malformed',
      listName: 'subnetIds',
      get: (id) => subnets.get(id),
      notFound: (missing) => idsNotFound('InvalidSubnetID.NotFound', 'subnet', missing),
      all: () => [...subnets.values()],
    });
    const page = pageOf(
      call,
      applyFilters(params, base, FILTERS, (s) => s.tags),
    );
    return { subnetSet: items(page.items.map((s) => subnetXml(s, region))), nextToken: page.nextToken };
  },
};
