import { items } from '../protocol/xml.ts';
import { instanceTypeInfo, OPERATING_SYSTEMS, privateDnsName, publicDnsName, zonesOf } from './catalog.ts';
import { tagSet } from './ec2-request.ts';
import { stateXml } from './instance-lifecycle.ts';
import type { Ec2Instance, Ec2State } from './state.ts';

const LINUX = OPERATING_SYSTEMS[0]!;
const WINDOWS = OPERATING_SYSTEMS.find((o) => o.platform === 'windows')!;

/**
 * One `instancesSet/item` with the fields DescribeInstances returns, in EC2's element names.
 * A terminated instance keeps only what EC2 keeps: no addresses, interfaces, groups or volumes.
 */
export function instanceXml(i: Ec2Instance, ec2: Ec2State, region: string, account: string): object {
  const terminated = i.state === 'terminated';
  const os = i.platform === 'windows' ? WINDOWS : LINUX;
  const type = instanceTypeInfo(i.instanceType);
  const threadsPerCore = i.architecture === 'arm64' ? 1 : 2;
  const zone = zonesOf(region).find((z) => z.name === i.az);
  const privateDns = terminated ? '' : privateDnsName(region, i.privateIp);
  const publicDns = i.publicIp ? publicDnsName(region, i.publicIp) : '';
  const groups = terminated
    ? []
    : i.securityGroupIds.map((id) => ({ groupId: id, groupName: ec2.securityGroups.get(id)?.name ?? id }));
  const association = i.publicIp
    ? { publicIp: i.publicIp, publicDnsName: publicDns, ipOwnerId: i.eipAllocationId ? account : 'amazon' }
    : undefined;
  return {
    instanceId: i.id,
    imageId: i.imageId,
    instanceState: stateXml(i.state),
    privateDnsName: privateDns,
    dnsName: publicDns,
    reason: i.transitionReason,
    keyName: i.keyName,
    amiLaunchIndex: i.amiLaunchIndex,
    productCodes: items([]),
    instanceType: i.instanceType,
    launchTime: new Date(i.launchTime),
    placement: { availabilityZoneId: zone?.id, availabilityZone: i.az, groupName: '', tenancy: 'default' },
    platform: i.platform,
    monitoring: { state: i.monitoring },
    subnetId: terminated ? undefined : i.subnetId,
    vpcId: terminated ? undefined : i.vpcId,
    privateIpAddress: terminated ? undefined : i.privateIp,
    ipAddress: i.publicIp,
    sourceDestCheck: terminated ? undefined : true,
    groupSet: items(groups),
    stateReason: i.stateReason,
    architecture: i.architecture,
    rootDeviceType: 'ebs',
    rootDeviceName: i.rootDeviceName,
    blockDeviceMapping: items(
      i.blockDevices.map((d) => ({
        deviceName: d.deviceName,
        ebs: {
          volumeId: d.volumeId,
          status: 'attached',
          attachTime: new Date(d.attachTime),
          deleteOnTermination: d.deleteOnTermination,
        },
      })),
    ),
    virtualizationType: 'hvm',
    clientToken: '',
    tagSet: tagSet(i.tags),
    hypervisor: 'xen',
    networkInterfaceSet: items(
      terminated
        ? []
        : [
            {
              association,
              attachment: {
                attachTime: new Date(i.blockDevices[0]?.attachTime ?? i.launchTime),
                attachmentId: `eni-attach-${i.eniId.slice(4)}`,
                deleteOnTermination: true,
                deviceIndex: 0,
                status: 'attached',
                networkCardIndex: 0,
              },
              description: '',
              groupSet: items(groups),
              ipv6AddressesSet: items([]),
              macAddress: i.macAddress,
              networkInterfaceId: i.eniId,
              ownerId: account,
              privateDnsName: privateDns,
              privateIpAddress: i.privateIp,
              privateIpAddressesSet: items([
                { association, primary: true, privateIpAddress: i.privateIp, privateDnsName: privateDns },
              ]),
              sourceDestCheck: true,
              status: 'in-use',
              subnetId: i.subnetId,
              vpcId: i.vpcId,
              interfaceType: 'interface',
            },
          ],
    ),
    iamInstanceProfile: i.iamInstanceProfile,
    ebsOptimized: type.vcpus >= 4,
    enaSupport: true,
    sriovNetSupport: 'simple',
    cpuOptions: { coreCount: Math.max(1, type.vcpus / threadsPerCore), threadsPerCore },
    capacityReservationSpecification: { capacityReservationPreference: 'open' },
    hibernationOptions: { configured: false },
    metadataOptions: {
      state: 'applied',
      httpTokens: 'required',
      httpPutResponseHopLimit: 2,
      httpEndpoint: 'enabled',
      httpProtocolIpv6: 'disabled',
      instanceMetadataTags: 'disabled',
    },
    enclaveOptions: { enabled: false },
    bootMode: i.architecture === 'arm64' ? 'uefi' : undefined,
    platformDetails: os.platformDetails,
    usageOperation: os.usageOperation,
    usageOperationUpdateTime: new Date(i.launchTime),
    privateDnsNameOptions: {
      hostnameType: 'ip-name',
      enableResourceNameDnsARecord: false,
      enableResourceNameDnsAAAARecord: false,
    },
    maintenanceOptions: { autoRecovery: 'default' },
    currentInstanceBootMode: i.architecture === 'arm64' ? 'uefi' : 'legacy-bios',
  };
}

/**
 * Groups instances into `reservationSet` items: consecutive instances of one reservation share an
 * item, as EC2 returns them.
 */
export function reservationsXml(
  instances: readonly Ec2Instance[],
  ec2: Ec2State,
  region: string,
  account: string,
): object[] {
  const out: {
    reservationId: string;
    ownerId: string;
    groupSet: ReturnType<typeof items>;
    instancesSet: ReturnType<typeof items>;
  }[] = [];
  let current: { id: string; list: object[] } | undefined;
  const flush = (): void => {
    if (current)
      out.push({
        reservationId: current.id,
        ownerId: account,
        groupSet: items([]),
        instancesSet: items(current.list),
      });
  };
  for (const instance of instances) {
    if (!current || current.id !== instance.reservationId) {
      flush();
      current = { id: instance.reservationId, list: [] };
    }
    current.list.push(instanceXml(instance, ec2, region, account));
  }
  flush();
  return out;
}
