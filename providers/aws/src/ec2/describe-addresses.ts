import { DescribeAddressesCommand, type Address } from '@aws-sdk/client-ec2';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

/** EC2 DescribeAddresses: every Elastic IP of the region in one answer (EC2 does not page it). */
export async function describeAddresses(ctx: AwsContext): Promise<Address[]> {
  const out = await call(ctx, { service: 'ec2', operation: 'DescribeAddresses' }, (o) =>
    ctx.clients.ec2.send(new DescribeAddressesCommand({}), o),
  );
  return out.Addresses ?? [];
}
