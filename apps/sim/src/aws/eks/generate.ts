import type { AwsRegionState } from '../estate.ts';
import type { AwsBudget, AwsGenContext } from '../generate-context.ts';

/** Generates this region's Eks resources. (Placeholder: the eks work implements it.) */
export function generateEks(_ctx: AwsGenContext, _region: AwsRegionState, _budget: AwsBudget): void {}
