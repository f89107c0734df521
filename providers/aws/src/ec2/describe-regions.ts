import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

/**
 * EC2 DescribeRegions: the regions enabled for the account (opted-in or needing no opt-in).
 * Real AWS leaves disabled opt-in regions out unless AllRegions is set; they are filtered out
 * here too in case an endpoint lists them.
 */
export async function describeRegions(ctx: AwsContext): Promise<string[]> {
  const out = await call(ctx, { service: 'ec2', operation: 'DescribeRegions' }, (o) =>
    ctx.clients.ec2.send(new DescribeRegionsCommand({}), o),
  );
  return (out.Regions ?? [])
    .filter((r) => r.RegionName && r.OptInStatus !== 'not-opted-in')
    .map((r) => r.RegionName!)
    .sort();
}
