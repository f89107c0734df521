import type { AwsRegionState } from '../estate.ts';
import type { AwsBudget, AwsGenContext } from '../generate-context.ts';

/** Generates this region's Lambda resources. (Placeholder: the lambda work implements it.) */
export function generateLambda(_ctx: AwsGenContext, _region: AwsRegionState, _budget: AwsBudget): void {}
