import type { SimClock } from '../../core/clock.ts';
import type { Ec2State } from '../ec2/state.ts';
import { findInstance } from '../ec2/instance-lifecycle.ts';
import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { members } from '../protocol/xml.ts';
import { checkArn } from './elbv2-request.ts';
import type { Target, TargetGroup } from './state.ts';

/**
 * The health ELB reports for a target now: a running instance has its drawn health; a stopped or
 * terminated one is `unused` (Target.InvalidState); an unregistered id is Target.NotRegistered.
 */
function healthOf(target: Target | undefined, id: string, ec2: Ec2State, clock: SimClock): object {
  if (!target)
    return {
      State: 'unused',
      Reason: 'Target.NotRegistered',
      Description: 'Target is not registered to the target group',
    };
  const instance = findInstance(ec2, id, clock);
  if (!instance || instance.state !== 'running') {
    const state = instance?.state ?? 'terminated';
    if (state === 'pending')
      return {
        State: 'initial',
        Reason: 'Elb.RegistrationInProgress',
        Description: 'Target registration is in progress',
      };
    return { State: 'unused', Reason: 'Target.InvalidState', Description: `Target is in the ${state} state` };
  }
  if (target.health === 'healthy') return { State: 'healthy' };
  const description =
    target.reason === 'Target.ResponseCodeMismatch'
      ? 'Health checks failed with these codes: [502]'
      : target.reason === 'Target.Timeout'
        ? 'Request timed out'
        : 'Health checks failed';
  return { State: 'unhealthy', Reason: target.reason, Description: description };
}

/** DescribeTargetHealth of `TargetGroupArn`, for all its targets or `Targets.member.N`. */
export const describeTargetHealth: AwsOperation = {
  name: 'DescribeTargetHealth',
  handle: ({ params, regionState, sim }) => {
    const arn = params.require('TargetGroupArn');
    checkArn(arn, 'target group');
    const group: TargetGroup | undefined = regionState.elbv2.targetGroups.get(arn);
    if (!group) throw new AwsError('TargetGroupNotFound', `Target groups '[${arn}]' not found`);
    const requested = params
      .structs('Targets.member')
      .map((t) => ({ id: t.require('Id'), port: t.int('Port') }));
    const rows =
      requested.length > 0
        ? requested.map((r) => ({
            id: r.id,
            port: r.port ?? group.port,
            target: group.targets.find((t) => t.id === r.id),
          }))
        : group.targets.map((t) => ({ id: t.id, port: t.port, target: t as Target | undefined }));
    const ec2 = regionState.ec2;
    return {
      TargetHealthDescriptions: members(
        rows.map((r) => ({
          Target: { Id: r.id, Port: r.port },
          HealthCheckPort: String(r.port),
          TargetHealth: healthOf(r.target, r.id, ec2, sim.clock),
        })),
      ),
    };
  },
};
