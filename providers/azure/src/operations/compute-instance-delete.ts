import { operationParams } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { dryRunOk, runLro, type OperationFactory } from './operation-kit.ts';
import { computeStart, powerOf, vmTarget } from './vm-kit.ts';

const ID = 'compute.instance.delete';

/**
 * Deletes a VM (DELETE …/virtualMachines/{vm}) and waits until it is gone. Its disks and NICs
 * follow each one's `deleteOption` (Detach unless the VM was created with Delete): detached ones
 * stay, unattached, and keep billing. No undo.
 */
export const computeInstanceDelete: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: operationParams(ID),
  async run(request): Promise<OperationOutcome> {
    const vm = vmTarget(request, ID);
    if (request.dryRun)
      return dryRunOk(`Would delete VM ${vm.name} (now ${await powerOf(clients, request, vm)})`);
    await runLro(
      request,
      vm.subscriptionId,
      'virtualMachines.delete',
      computeStart((o) =>
        clients.compute(vm.subscriptionId).virtualMachines.delete(vm.resourceGroup, vm.name, o),
      ),
    );
    return {
      status: 'succeeded',
      message: `Deleted VM ${vm.name}; its disks and NICs follow their deleteOption`,
    };
  },
});
