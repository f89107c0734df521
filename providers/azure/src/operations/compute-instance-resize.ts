import { nativeSize, operationParams, UserError } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { armContext, collectPages } from '../arm/call.ts';
import {
  armRead,
  callOptions,
  dryRunOk,
  parseParams,
  runLro,
  type OperationFactory,
} from './operation-kit.ts';
import { computeStart, vmTarget } from './vm-kit.ts';

const ID = 'compute.instance.resize' as const;

/** The portable sizes as Azure VM sizes (B-series, burstable). */
export const AZURE_VM_SIZES = {
  small: 'Standard_B1ms',
  medium: 'Standard_B2s',
  large: 'Standard_B2ms',
  xlarge: 'Standard_B4ms',
};

/** The catalogue's params; `size` portable or an Azure VM size such as Standard_D4s_v5. */
const Params = operationParams(ID).transform((p, ctx) => {
  const size = nativeSize(p.size, AZURE_VM_SIZES);
  if (!/^[A-Za-z][A-Za-z0-9_]{1,63}$/.test(size))
    ctx.addIssue({ code: 'custom', path: ['size'], message: 'an Azure VM size such as Standard_D4s_v5' });
  return { size };
});

/**
 * Resizes a VM: PATCH …/virtualMachines/{vm} with `hardwareProfile.vmSize`, waited for. The size
 * must be one the VM can take where it runs (GET …/vmSizes); a running VM restarts on resize. The
 * undo is the resize back to the old size.
 */
export const computeInstanceResize: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: Params,
  async run(request): Promise<OperationOutcome> {
    const { size } = parseParams(Params, request, ID);
    const vm = vmTarget(request, ID);
    const compute = clients.compute(vm.subscriptionId);
    const current = await armRead(request, vm.subscriptionId, 'virtualMachines.get', () =>
      compute.virtualMachines.get(vm.resourceGroup, vm.name, { abortSignal: request.signal }),
    );
    const old = current.hardwareProfile?.vmSize ?? 'unknown';
    if (old.toLowerCase() === size.toLowerCase()) {
      const message = `VM ${vm.name} is already ${old}`;
      return request.dryRun ? dryRunOk(message) : { status: 'succeeded', message };
    }
    const sizes = await collectPages(
      callOptions(request),
      armContext(vm.subscriptionId, 'virtualMachines.listAvailableSizes'),
      compute.virtualMachines
        .listAvailableSizes(vm.resourceGroup, vm.name, { abortSignal: request.signal })
        .byPage(),
    );
    const match = sizes.find((s) => s.name?.toLowerCase() === size.toLowerCase())?.name;
    if (!match)
      throw new UserError(
        'azure-size-unavailable',
        `VM ${vm.name} cannot be resized to ${size} where it runs`,
        {
          hint: `Sizes it can take include ${sizes
            .slice(0, 8)
            .map((s) => s.name)
            .join(', ')}`,
        },
      );
    if (request.dryRun)
      return dryRunOk(`Would resize VM ${vm.name} from ${old} to ${match} (a running VM restarts)`);
    await runLro(
      request,
      vm.subscriptionId,
      'virtualMachines.update',
      computeStart((o) =>
        compute.virtualMachines.update(vm.resourceGroup, vm.name, { hardwareProfile: { vmSize: match } }, o),
      ),
    );
    return {
      status: 'succeeded',
      message: `Resized VM ${vm.name} from ${old} to ${match}`,
      undo: { operation: ID, params: { size: old } },
    };
  },
});
