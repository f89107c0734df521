import type { AwsRegionState } from '../estate.ts';
import type { AwsBudget, AwsGenContext } from '../generate-context.ts';

/** Generates this region's Elbv2 resources. (Placeholder: the elbv2 work implements it.) */
export function generateElbv2(_ctx: AwsGenContext, _region: AwsRegionState, _budget: AwsBudget): void {}
