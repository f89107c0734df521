import type { AwsOperation } from '../operation.ts';
import { checkDryRun, RETURN_TRUE } from './ec2-request.ts';
import { incorrectState, requestedInstances } from './instance-lifecycle.ts';

/** RebootInstances: only running instances reboot (they stay `running`); `return true`. */
export const rebootInstances: AwsOperation = {
  name: 'RebootInstances',
  mutating: true,
  handle: (call) => {
    const instances = requestedInstances(call);
    for (const i of instances) if (i.state !== 'running') throw incorrectState(i, 'rebooted');
    checkDryRun(call.params);
    return RETURN_TRUE;
  },
};
