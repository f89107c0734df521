import type { AwsRegionState } from '../estate.ts';
import type { AwsBudget, AwsGenContext } from '../generate-context.ts';

/** Generates this region's Ec2 resources. (Placeholder: the ec2 work implements it.) */
export function generateEc2(_ctx: AwsGenContext, _region: AwsRegionState, _budget: AwsBudget): void {}
