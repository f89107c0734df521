import type { AwsOperation } from '../operation.ts';
import { items } from '../protocol/xml.ts';
import { checkDryRun } from './ec2-request.ts';
import { requestedInstances, stateChange, terminateInstance } from './instance-lifecycle.ts';

/**
 * TerminateInstances: any state → shutting-down → terminated on the sim clock; terminated
 * instances stay visible for an hour, then vanish. Terminating twice reports no change.
 */
export const terminateInstances: AwsOperation = {
  name: 'TerminateInstances',
  mutating: true,
  handle: (call) => {
    const { params, regionState, sim } = call;
    const instances = requestedInstances(call);
    checkDryRun(params);
    return {
      instancesSet: items(
        instances.map((i) => {
          const previous = i.state;
          if (previous !== 'terminated' && previous !== 'shutting-down') {
            terminateInstance(i, regionState.ec2, sim.clock, sim.timing.transitionMs);
          }
          return stateChange(i, previous);
        }),
      ),
    };
  },
};
