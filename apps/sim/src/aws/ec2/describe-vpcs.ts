import type { AwsOperation } from '../operation.ts';
import { items } from '../protocol/xml.ts';
import { idsNotFound, pageOf, selectByIds, tagSet } from './ec2-request.ts';
import { applyFilters, type FilterTable } from './filters.ts';
import type { Ec2Vpc } from './state.ts';

const FILTERS: FilterTable<Ec2Vpc> = {
  'vpc-id': (v) => v.id,
  cidr: (v) => v.cidr,
  'cidr-block-association.cidr-block': (v) => v.cidr,
  'cidr-block-association.association-id': (v) => v.cidrAssociationId,
  'cidr-block-association.state': () => 'associated',
  'is-default': (v) => v.isDefault,
  isDefault: (v) => v.isDefault,
  state: () => 'available',
  'owner-id': (v) => v.ownerId,
  'dhcp-options-id': (v) => v.dhcpOptionsId,
};

/** One `vpcSet/item`. */
export function vpcXml(v: Ec2Vpc): object {
  return {
    vpcId: v.id,
    ownerId: v.ownerId,
    state: 'available',
    cidrBlock: v.cidr,
    cidrBlockAssociationSet: items([
      { cidrBlock: v.cidr, associationId: v.cidrAssociationId, cidrBlockState: { state: 'associated' } },
    ]),
    ipv6CidrBlockAssociationSet: items([]),
    dhcpOptionsId: v.dhcpOptionsId,
    tagSet: tagSet(v.tags),
    instanceTenancy: 'default',
    isDefault: v.isDefault,
    blockPublicAccessStates: { internetGatewayBlockMode: 'off' },
  };
}

/** DescribeVpcs: `VpcId.N`, `Filter.N`, `MaxResults` (5–1000) / `NextToken`. */
export const describeVpcs: AwsOperation = {
  name: 'DescribeVpcs',
  handle: (call) => {
    const { params, regionState } = call;
    const vpcs = regionState.ec2.vpcs;
    const base = selectByIds(params, {
      param: 'VpcId',
      prefix: 'vpc',
      malformed: 'InvalidVpcID.Malformed',
      listName: 'vpcIds',
      get: (id) => vpcs.get(id),
      notFound: (missing) => idsNotFound('InvalidVpcID.NotFound', 'vpc', missing),
      all: () => [...vpcs.values()],
    });
    const page = pageOf(
      call,
      applyFilters(params, base, FILTERS, (v) => v.tags),
    );
    return { vpcSet: items(page.items.map(vpcXml)), nextToken: page.nextToken };
  },
};
