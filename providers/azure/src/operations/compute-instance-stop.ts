import { operationParams } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { dryRunOk, runLro, type OperationFactory } from './operation-kit.ts';
import { computeStart, powerOf, vmTarget } from './vm-kit.ts';

const ID = 'compute.instance.stop';

/**
 * Stops a VM by deallocating it (POST …/virtualMachines/{vm}/deallocate) and waits for it.
 * Deallocate, not powerOff: a powered-off VM keeps its hardware allocated and is still billed for
 * compute, so "stop" would save nothing; deallocated VMs stop billing (disks still bill) and lose
 * a dynamic public IP. A VM that is already deallocated is left alone (no undo). The undo of a
 * running VM's stop is `compute.instance.start`.
 */
export const computeInstanceStop: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: operationParams(ID),
  async run(request): Promise<OperationOutcome> {
    const vm = vmTarget(request, ID);
    const before = await powerOf(clients, request, vm);
    if (request.dryRun) return dryRunOk(`Would deallocate VM ${vm.name} (now ${before})`);
    if (before === 'deallocated' || before === 'deallocating')
      return { status: 'succeeded', message: `VM ${vm.name} is already ${before}` };
    await runLro(
      request,
      vm.subscriptionId,
      'virtualMachines.deallocate',
      computeStart((o) =>
        clients.compute(vm.subscriptionId).virtualMachines.deallocate(vm.resourceGroup, vm.name, o),
      ),
    );
    const wasOn = before === 'running' || before === 'starting';
    return {
      status: 'succeeded',
      message: `Deallocated VM ${vm.name} (was ${before})`,
      ...(wasOn ? { undo: { operation: 'compute.instance.start' as const, params: {} } } : {}),
    };
  },
});
