import type { Rng } from '../../core/rng.ts';
import { generateCostHistory, type DailyCost } from '../../estate/cost.ts';
import type { ManifestBuilder } from '../../estate/manifest-builder.ts';
import type { AwsAccountState } from '../estate.ts';
import { CE_SERVICES } from './services.ts';

/** Days of daily cost history Cost Explorer serves (ending on the epoch's day). */
export const AWS_COST_DAYS = 120;

/**
 * Daily cost per account and service for Cost Explorer: 120 days ending on the epoch's day, the
 * services named as CE names them (services.ts), spend scaled by how much the estate holds, and
 * a few anomalies (3–6× spikes) recorded in the manifest as `cost.anomaly`
 * (`aws:{account}:{service}:{date}`).
 */
export function generateAwsCost(
  rng: Rng,
  accounts: readonly AwsAccountState[],
  epoch: number,
  manifest: ManifestBuilder,
): DailyCost[] {
  if (accounts.length === 0) return [];
  let held = 0;
  for (const account of accounts) {
    held += account.s3.buckets.size + account.iam.users.length;
    for (const region of account.regions.values())
      held +=
        region.rds.instances.length * 4 + region.lambda.functions.length + region.eks.clusters.length * 8;
  }
  const scale = Math.min(60, Math.max(0.5, held / accounts.length / 40));
  return generateCostHistory(
    rng,
    {
      cloud: 'aws',
      accounts: accounts.map((a) => a.id),
      services: CE_SERVICES.map((s) => ({
        name: s.name,
        dailyUsd: Math.round(s.dailyUsd * scale * 100) / 100,
      })),
      epoch,
      days: AWS_COST_DAYS,
      anomalies: Math.max(3, Math.min(8, accounts.length + 1)),
    },
    manifest,
  );
}
