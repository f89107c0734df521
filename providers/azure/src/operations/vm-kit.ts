import type { OperationRequest } from '@escher/provider-api';
import type { AzureClients } from '../clients.ts';
import { getPowerState } from '../compute/get-power-state.ts';
import { armTargetOf, type ArmTarget } from './arm-target.ts';
import { callOptions, type Started } from './operation-kit.ts';

export const VM_TYPE = 'Microsoft.Compute/virtualMachines';

/** The VM an operation targets (a UserError for anything else). */
export function vmTarget(request: OperationRequest, operation: string): ArmTarget {
  return armTargetOf(request.target, operation, [VM_TYPE]);
}

/** The VM's power state now, from its instance view: `running`, `deallocated`, `stopped`, … */
export async function powerOf(
  clients: AzureClients,
  request: OperationRequest,
  vm: ArmTarget,
): Promise<string> {
  const code = await getPowerState(clients, vm.subscriptionId, vm, callOptions(request));
  return (code ?? 'PowerState/unknown').replace(/^PowerState\//i, '').toLowerCase();
}

/** What arm-compute 24's pollers (core-lro 3) offer: the poller starts at once; `submitted` waits for the accept. */
interface ComputePoller<R> extends Started<R> {
  submitted(): Promise<void>;
}

/**
 * Adapts an arm-compute call (which returns its poller synchronously, already sending the request)
 * to {@link runLro}'s `start`: resolves once Compute has accepted the request.
 */
export function computeStart<R>(
  make: (options: { abortSignal?: AbortSignal }) => ComputePoller<R>,
): (signal: AbortSignal | undefined) => Promise<{ poller: Started<R> }> {
  return async (signal) => {
    const poller = make(signal ? { abortSignal: signal } : {});
    await poller.submitted();
    return { poller };
  };
}
