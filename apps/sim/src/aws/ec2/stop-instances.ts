import type { AwsOperation } from '../operation.ts';
import { items } from '../protocol/xml.ts';
import { checkDryRun } from './ec2-request.ts';
import { incorrectState, requestedInstances, stateChange, stopInstance } from './instance-lifecycle.ts';

/**
 * StopInstances: running → stopping → stopped on the sim clock (`Force` changes nothing here).
 * Stopped and stopping instances are reported unchanged; pending, shutting-down and terminated
 * ones are IncorrectInstanceState, and then nothing stops.
 */
export const stopInstances: AwsOperation = {
  name: 'StopInstances',
  mutating: true,
  handle: (call) => {
    const { params, sim } = call;
    const instances = requestedInstances(call);
    for (const i of instances) {
      if (i.state !== 'running' && i.state !== 'stopped' && i.state !== 'stopping')
        throw incorrectState(i, 'stopped');
    }
    checkDryRun(params);
    return {
      instancesSet: items(
        instances.map((i) => {
          const previous = i.state;
          if (previous === 'running') stopInstance(i, sim.clock, sim.timing.transitionMs);
          return stateChange(i, previous);
        }),
      ),
    };
  },
};
