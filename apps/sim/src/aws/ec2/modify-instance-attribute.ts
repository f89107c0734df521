import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { INSTANCE_TYPE_PATTERN, instanceTypeInfo } from './catalog.ts';
import { checkDryRun, RETURN_TRUE } from './ec2-request.ts';
import { findInstance } from './instance-lifecycle.ts';
import { isEc2Id } from './ids.ts';

/** Boolean attributes EC2 accepts here; the simulator accepts and does not model them. */
const ACCEPTED = [
  'DisableApiTermination',
  'DisableApiStop',
  'SourceDestCheck',
  'EbsOptimized',
  'EnaSupport',
  'InstanceInitiatedShutdownBehavior',
];

/**
 * ModifyInstanceAttribute: the instance type (`InstanceType.Value`, or `Attribute=instanceType`
 * with `Value`) changes only while the instance is stopped, else IncorrectInstanceState.
 */
export const modifyInstanceAttribute: AwsOperation = {
  name: 'ModifyInstanceAttribute',
  mutating: true,
  handle: ({ params, regionState, sim }) => {
    const id = params.require('InstanceId');
    if (!isEc2Id(id, 'i'))
      throw new AwsError('InvalidInstanceID.Malformed', `Invalid id: "${id}" (expecting "i-...")`);
    const instance = findInstance(regionState.ec2, id, sim.clock);
    if (!instance) throw new AwsError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
    const attribute = params.get('Attribute');
    const type =
      params.get('InstanceType.Value') ?? (attribute === 'instanceType' ? params.get('Value') : undefined);
    const other =
      ACCEPTED.some((a) => params.get(`${a}.Value`) !== undefined) || params.list('GroupId').length > 0;
    if (type === undefined && !other && attribute === undefined) {
      throw new AwsError('InvalidParameterCombination', 'No attributes specified.');
    }
    if (type !== undefined) {
      if (!INSTANCE_TYPE_PATTERN.test(type)) {
        throw new AwsError(
          'InvalidInstanceAttributeValue',
          `Value (${type}) for parameter instanceType is invalid. Invalid instance type ${type}`,
        );
      }
      if (instance.state !== 'stopped') {
        throw new AwsError('IncorrectInstanceState', `The instance '${id}' is not in the 'stopped' state.`);
      }
    }
    const groups = params.list('GroupId');
    const unknown = groups.find((g) => regionState.ec2.securityGroups.get(g)?.vpcId !== instance.vpcId);
    if (unknown)
      throw new AwsError(
        'InvalidGroup.NotFound',
        `The security group '${unknown}' does not exist in VPC '${instance.vpcId}'`,
      );
    checkDryRun(params);
    if (groups.length > 0) instance.securityGroupIds = [...new Set(groups)];
    if (type !== undefined) {
      instance.instanceType = type;
      instance.architecture = instanceTypeInfo(type).architecture;
    }
    return RETURN_TRUE;
  },
};
