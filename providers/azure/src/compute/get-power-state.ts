import { armContext, callAzure, type CallOptions } from '../arm/call.ts';
import type { AzureClients } from '../clients.ts';

/**
 * A VM's power state from its instance view (GET …/virtualMachines/{vm}/instanceView), for the
 * rare Resource Graph row without `properties.extended.instanceView` (Graph fills it in
 * asynchronously after changes). Returns ARM's code, e.g. `PowerState/deallocated`.
 */
export async function getPowerState(
  clients: AzureClients,
  subscriptionId: string,
  vm: { resourceGroup: string; name: string },
  options: CallOptions,
): Promise<string | undefined> {
  const view = await callAzure(options, armContext(subscriptionId, 'virtualMachines.instanceView'), () =>
    clients
      .compute(subscriptionId)
      .virtualMachines.instanceView(vm.resourceGroup, vm.name, { abortSignal: options.signal }),
  );
  return view.statuses?.find((s) => s.code?.toLowerCase().startsWith('powerstate/'))?.code;
}
