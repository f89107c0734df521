import { operationParams } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { dryRunOk, predictedRefusal, runLro, type OperationFactory } from './operation-kit.ts';
import { computeStart, powerOf, vmTarget } from './vm-kit.ts';

const ID = 'compute.instance.restart';

/**
 * Restarts a VM (POST …/virtualMachines/{vm}/restart) and waits for it. Compute refuses a
 * deallocated VM with 409 OperationNotAllowed, which surfaces as is; the dry run predicts that
 * refusal from the power state. A restart cannot be undone.
 */
export const computeInstanceRestart: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: operationParams(ID),
  async run(request): Promise<OperationOutcome> {
    const vm = vmTarget(request, ID);
    if (request.dryRun) {
      const power = await powerOf(clients, request, vm);
      if (power === 'deallocated' || power === 'deallocating')
        throw predictedRefusal(
          'virtualMachines.restart',
          'OperationNotAllowed',
          `VM ${vm.name} is ${power}; Azure restarts only allocated VMs`,
          'Start the VM instead (compute.instance.start)',
        );
      return dryRunOk(`Would restart VM ${vm.name} (now ${power})`);
    }
    await runLro(
      request,
      vm.subscriptionId,
      'virtualMachines.restart',
      computeStart((o) =>
        clients.compute(vm.subscriptionId).virtualMachines.restart(vm.resourceGroup, vm.name, o),
      ),
    );
    return { status: 'succeeded', message: `Restarted VM ${vm.name}` };
  },
});
