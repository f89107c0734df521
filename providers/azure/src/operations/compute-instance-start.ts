import { operationParams } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { dryRunOk, runLro, type OperationFactory } from './operation-kit.ts';
import { computeStart, powerOf, vmTarget } from './vm-kit.ts';

const ID = 'compute.instance.start';
const ON = new Set(['running', 'starting']);

/**
 * Starts a VM (POST …/virtualMachines/{vm}/start) and waits for it. Starting a running VM is
 * not an error on Azure, so it changes nothing and has no undo; otherwise the undo is
 * `compute.instance.stop` (deallocate).
 */
export const computeInstanceStart: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: operationParams(ID),
  async run(request): Promise<OperationOutcome> {
    const vm = vmTarget(request, ID);
    const before = await powerOf(clients, request, vm);
    if (request.dryRun) return dryRunOk(`Would start VM ${vm.name} (now ${before})`);
    if (ON.has(before)) return { status: 'succeeded', message: `VM ${vm.name} is already ${before}` };
    await runLro(
      request,
      vm.subscriptionId,
      'virtualMachines.start',
      computeStart((o) =>
        clients.compute(vm.subscriptionId).virtualMachines.start(vm.resourceGroup, vm.name, o),
      ),
    );
    return {
      status: 'succeeded',
      message: `Started VM ${vm.name} (was ${before})`,
      undo: { operation: 'compute.instance.stop', params: {} },
    };
  },
});
