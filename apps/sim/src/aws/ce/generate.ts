import type { Rng } from '../../core/rng.ts';
import type { DailyCost } from '../../estate/cost.ts';
import type { ManifestBuilder } from '../../estate/manifest-builder.ts';
import type { AwsAccountState } from '../estate.ts';

/** Daily cost history per account and service. (Placeholder: the ce work implements it.) */
export function generateAwsCost(_rng: Rng, _accounts: readonly AwsAccountState[], _epoch: number, _manifest: ManifestBuilder): DailyCost[] {
  return [];
}
