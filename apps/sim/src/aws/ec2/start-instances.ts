import type { AwsOperation } from '../operation.ts';
import { items } from '../protocol/xml.ts';
import { checkDryRun } from './ec2-request.ts';
import { incorrectState, requestedInstances, startInstance, stateChange } from './instance-lifecycle.ts';

/**
 * StartInstances: stopped → pending → running on the sim clock. A running or pending instance is
 * left as it is (EC2 reports no change); stopping, shutting-down and terminated ones are
 * IncorrectInstanceState, and then nothing starts.
 */
export const startInstances: AwsOperation = {
  name: 'StartInstances',
  mutating: true,
  handle: (call) => {
    const { params, regionState, sim } = call;
    const instances = requestedInstances(call);
    for (const i of instances) {
      if (i.state !== 'stopped' && i.state !== 'running' && i.state !== 'pending')
        throw incorrectState(i, 'started');
    }
    checkDryRun(params);
    return {
      instancesSet: items(
        instances.map((i) => {
          const previous = i.state;
          if (previous === 'stopped') startInstance(i, regionState.ec2, sim.clock, sim.timing.transitionMs);
          return stateChange(i, previous);
        }),
      ),
    };
  },
};
