import type { SimClock } from '../../core/clock.ts';
import { AwsError } from '../protocol/aws-error.ts';
import type { QueryParams } from '../protocol/query-params.ts';
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

/** The taggable record of each id prefix. */
const RECORDS: Readonly<
  Record<string, (ec2: Ec2State, id: string, clock: SimClock) => { tags: Tags } | undefined>
> = {
  i: (ec2, id, clock) => findInstance(ec2, id, clock),
  vol: (ec2, id) => ec2.volumes.get(id),
  snap: (ec2, id) => ec2.snapshots.get(id),
  sg: (ec2, id) => ec2.securityGroups.get(id),
  eipalloc: (ec2, id) => ec2.addresses.get(id),
  vpc: (ec2, id) => ec2.vpcs.get(id),
  subnet: (ec2, id) => ec2.subnets.get(id),
};

/** `ResourceId.N` of CreateTags and DeleteTags: at least one is required. */
export function resourceIds(params: QueryParams): string[] {
  const ids = params.list('ResourceId');
  if (ids.length === 0)
    throw new AwsError('MissingParameter', 'The request must contain the parameter resourceIdSet');
  return ids;
}

/**
 * The tag record of any taggable EC2 resource by its id (instance, volume, snapshot, security
 * group, Elastic IP, VPC, subnet), or the kind's own NotFound error; an id EC2 cannot place is
 * InvalidID.
 */
export function tagsOfResource(ec2: Ec2State, id: string, clock: SimClock): Tags {
  const prefix = prefixOf(id);
  if (!prefix || !/^[a-z]+-[0-9a-f]{8}([0-9a-f]{9})?$/.test(id))
    throw new AwsError('InvalidID', `The ID '${id}' is not valid`);
  const record = Object.hasOwn(RECORDS, prefix) ? RECORDS[prefix]!(ec2, id, clock) : undefined;
  if (record) return record.tags;
  // A well-formed id of a kind the simulator does not hold (e.g. `igw-…`) is simply not there.
  throw Object.hasOwn(NOT_FOUND, prefix)
    ? NOT_FOUND[prefix]!(id)
    : new AwsError('InvalidID', `The ID '${id}' is not valid`);
}
