import type { AwsRegionState } from '../estate.ts';
import type { AwsBudget, AwsGenContext } from '../generate-context.ts';

/** Generates this region's Kms resources. (Placeholder: the kms work implements it.) */
export function generateKms(_ctx: AwsGenContext, _region: AwsRegionState, _budget: AwsBudget): void {}
