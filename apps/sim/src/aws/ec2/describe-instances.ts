import type { AwsOperation } from '../operation.ts';
import { items } from '../protocol/xml.ts';
import { idsNotFound, pageOf, selectByIds } from './ec2-request.ts';
import { applyFilters, type FilterTable } from './filters.ts';
import { findInstance, visibleInstances } from './instance-lifecycle.ts';
import { reservationsXml } from './render-instance.ts';
import { INSTANCE_STATE_CODES, type Ec2Instance, type Ec2State } from './state.ts';
import { privateDnsName, publicDnsName } from './catalog.ts';

const filters = (ec2: Ec2State, region: string, account: string): FilterTable<Ec2Instance> => ({
  'instance-id': (i) => i.id,
  'instance-state-name': (i) => i.state,
  'instance-state-code': (i) => INSTANCE_STATE_CODES[i.state],
  'instance-type': (i) => i.instanceType,
  'availability-zone': (i) => i.az,
  'vpc-id': (i) => i.vpcId,
  'subnet-id': (i) => i.subnetId,
  'image-id': (i) => i.imageId,
  'reservation-id': (i) => i.reservationId,
  'owner-id': () => account,
  architecture: (i) => i.architecture,
  platform: (i) => i.platform,
  'platform-details': (i) => (i.platform === 'windows' ? 'Windows' : 'Linux/UNIX'),
  'key-name': (i) => i.keyName,
  'private-ip-address': (i) => i.privateIp,
  'ip-address': (i) => i.publicIp,
  'network-interface.addresses.association.public-ip': (i) => i.publicIp,
  'association.public-ip': (i) => i.publicIp,
  'dns-name': (i) => (i.publicIp ? publicDnsName(region, i.publicIp) : undefined),
  'private-dns-name': (i) => privateDnsName(region, i.privateIp),
  'network-interface.network-interface-id': (i) => i.eniId,
  'instance.group-id': (i) => i.securityGroupIds,
  'group-id': (i) => i.securityGroupIds,
  'instance.group-name': (i) => i.securityGroupIds.map((id) => ec2.securityGroups.get(id)?.name),
  'group-name': (i) => i.securityGroupIds.map((id) => ec2.securityGroups.get(id)?.name),
  'iam-instance-profile.arn': (i) => i.iamInstanceProfile?.arn,
  'monitoring-state': (i) => i.monitoring,
  'root-device-type': () => 'ebs',
  'root-device-name': (i) => i.rootDeviceName,
  'block-device-mapping.volume-id': (i) => i.blockDevices.map((d) => d.volumeId),
  'block-device-mapping.device-name': (i) => i.blockDevices.map((d) => d.deviceName),
  tenancy: () => 'default',
  'virtualization-type': () => 'hvm',
  hypervisor: () => 'xen',
  'launch-time': (i) => new Date(i.launchTime).toISOString(),
  'state-reason-code': (i) => i.stateReason?.code,
});

/**
 * DescribeInstances: `InstanceId.N` or `Filter.N`, paged by `MaxResults` (5–1000, not with ids)
 * and `NextToken`; instances grouped into their reservations.
 */
export const describeInstances: AwsOperation = {
  name: 'DescribeInstances',
  handle: (call) => {
    const { params, regionState, sim, region, account } = call;
    const ec2 = regionState.ec2;
    const base = selectByIds(params, {
      param: 'InstanceId',
      prefix: 'i',
      malformed: 'InvalidInstanceID.Malformed',
      listName: 'instancesSet',
      get: (id) => findInstance(ec2, id, sim.clock),
      notFound: (missing) => idsNotFound('InvalidInstanceID.NotFound', 'instance', missing),
      all: () => visibleInstances(ec2, sim.clock),
    });
    const selected = applyFilters(params, base, filters(ec2, region, account.id), (i) => i.tags);
    const page = pageOf(call, selected);
    return {
      reservationSet: items(reservationsXml(page.items, ec2, region, account.id)),
      nextToken: page.nextToken,
    };
  },
};
