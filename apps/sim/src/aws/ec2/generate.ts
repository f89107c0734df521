/**
 * EC2 generation for one account and region.
 *
 * Native ids recorded in the manifest (SPEC section 3, the simulator's AWS contract):
 * - instance        `arn:aws:ec2:{region}:{account}:instance/{i-…}`
 * - volume          `arn:aws:ec2:{region}:{account}:volume/{vol-…}`
 * - snapshot        `arn:aws:ec2:{region}:{account}:snapshot/{snap-…}`
 * - security group  `arn:aws:ec2:{region}:{account}:security-group/{sg-…}`
 * - vpc / subnet    `arn:aws:ec2:{region}:{account}:vpc/{vpc-…}`, `…:subnet/{subnet-…}`
 * - Elastic IP      `arn:aws:ec2:{region}:{account}:elastic-ip/{eipalloc-…}`
 *
 * The budget is met exactly for instances, snapshots and addresses; VPCs, subnets and security
 * groups get at least one per region in use (every region has its default VPC), and volumes at
 * least one per instance (its root volume).
 */
import type { AwsRegionState } from '../estate.ts';
import type { AwsBudget, AwsGenContext } from '../generate-context.ts';
import { generateAddresses } from './generate-addresses.ts';
import { generateInstances } from './generate-instances.ts';
import { generateNetwork } from './generate-network.ts';
import { generateDataVolumes, generateSnapshots } from './generate-storage.ts';
import { Ec2GenScope } from './gen-scope.ts';

/** Generates this region's EC2 resources into `region.ec2` and records them in the manifest. */
export function generateEc2(ctx: AwsGenContext, region: AwsRegionState, budget: AwsBudget): void {
  region.ec2.rng = ctx.rng.fork('ec2-runtime');
  const g = new Ec2GenScope(ctx, region.ec2);
  const plans = generateNetwork(g, budget);
  const candidates = generateInstances(g, budget.instances, plans);
  generateDataVolumes(g, budget.volumes);
  generateSnapshots(g, budget.snapshots);
  generateAddresses(g, budget.addresses, candidates, plans);
}
