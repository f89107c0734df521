import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { checkDryRun, RETURN_TRUE } from './ec2-request.ts';
import { isEc2Id } from './ids.ts';
import type { Ec2Address } from './state.ts';

/**
 * ReleaseAddress by `AllocationId` (or `PublicIp`): an address still associated is
 * InvalidIPAddress.InUse; an unknown one InvalidAllocationID.NotFound. `return true`.
 */
export const releaseAddress: AwsOperation = {
  name: 'ReleaseAddress',
  mutating: true,
  handle: ({ params, regionState }) => {
    const addresses = regionState.ec2.addresses;
    const allocationId = params.get('AllocationId');
    const publicIp = params.get('PublicIp');
    let address: Ec2Address | undefined;
    if (allocationId) {
      if (!isEc2Id(allocationId, 'eipalloc')) {
        throw new AwsError(
          'InvalidAllocationID.Malformed',
          `Invalid id: "${allocationId}" (expecting "eipalloc-...")`,
        );
      }
      address = addresses.get(allocationId);
      if (!address)
        throw new AwsError(
          'InvalidAllocationID.NotFound',
          `The allocation ID '${allocationId}' does not exist`,
        );
    } else if (publicIp) {
      address = [...addresses.values()].find((a) => a.publicIp === publicIp);
      if (!address) throw new AwsError('InvalidAddress.NotFound', `Address '${publicIp}' not found.`);
    } else {
      throw new AwsError('MissingParameter', 'Either public IP or allocation id must be specified');
    }
    if (address.associationId)
      throw new AwsError('InvalidIPAddress.InUse', `Address '${address.publicIp}' is in use.`);
    checkDryRun(params);
    addresses.delete(address.allocationId);
    return RETURN_TRUE;
  },
};
