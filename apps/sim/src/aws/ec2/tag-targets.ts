import type { SimClock } from '../../core/clock.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { prefixOf } from './ids.ts';
import { findInstance } from './instance-lifecycle.ts';
import type { Ec2State, Tags } from './state.ts';

const NOT_FOUND: Readonly<Record<string, (id: string) => AwsError>> = {
  i: (id) => new AwsError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`),
  vol: (id) => new AwsError('InvalidVolume.NotFound', `The volume '${id}' does not exist.`),
  snap: (id) => new AwsError('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`),
  sg: (id) => new AwsError('InvalidGroup.NotFound', `The security group '${id}' does not exist`),
  eipalloc: (id) => new AwsError('InvalidAllocationID.NotFound', `The allocation ID '${id}' does not exist`),
  vpc: (id) => new AwsError('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`),
  subnet: (id) => new AwsError('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`),
  eni: (id) =>
    new AwsError('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${id}' does not exist`),
  ami: (id) => new AwsError('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`),
};

/**
 * The tag record of any taggable EC2 resource by its id (instance, volume, snapshot, security
 * group, Elastic IP, VPC, subnet), or the kind's own NotFound error; an id EC2 cannot place is
 * InvalidID.
 */
export function tagsOfResource(ec2: Ec2State, id: string, clock: SimClock): Tags {
  const prefix = prefixOf(id);
  if (!prefix || !/^[a-z]+-[0-9a-f]{8}([0-9a-f]{9})?$/.test(id))
    throw new AwsError('InvalidID', `The ID '${id}' is not valid`);
  const record =
    prefix === 'i'
      ? findInstance(ec2, id, clock)
      : prefix === 'vol'
        ? ec2.volumes.get(id)
        : prefix === 'snap'
          ? ec2.snapshots.get(id)
          : prefix === 'sg'
            ? ec2.securityGroups.get(id)
            : prefix === 'eipalloc'
              ? ec2.addresses.get(id)
              : prefix === 'vpc'
                ? ec2.vpcs.get(id)
                : prefix === 'subnet'
                  ? ec2.subnets.get(id)
                  : undefined;
  if (!record) throw NOT_FOUND[prefix]!(id);
  return record.tags;
}
