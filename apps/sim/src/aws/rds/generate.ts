import type { AwsRegionState } from '../estate.ts';
import type { AwsBudget, AwsGenContext } from '../generate-context.ts';

/** Generates this region's Rds resources. (Placeholder: the rds work implements it.) */
export function generateRds(_ctx: AwsGenContext, _region: AwsRegionState, _budget: AwsBudget): void {}
