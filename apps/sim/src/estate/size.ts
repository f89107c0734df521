import type { Cloud } from '@escher/protocol';

export type SizeName = 'small' | 'medium' | 'large';

/** How big an estate is and how it spreads across clouds, accounts and regions. */
export interface EstatePlan {
  size: string;
  /** Target number of resources per cloud (the generators land close to it). */
  resources: Record<Cloud, number>;
  /** Accounts / subscriptions / projects per cloud. */
  accounts: Record<Cloud, number>;
  /** Regions per cloud in use. */
  regions: Record<Cloud, number>;
}

const TOTALS: Record<SizeName, number> = { small: 300, medium: 3_000, large: 100_000 };
const SHARE: Record<Cloud, number> = { aws: 0.45, azure: 0.3, gcp: 0.25 };

/** `small` ≈ 300, `medium` ≈ 3,000, `large` ≈ 100,000 resources, or an explicit total. */
export function planEstate(size: string): EstatePlan {
  const total = size in TOTALS ? TOTALS[size as SizeName] : Number(size);
  if (!Number.isInteger(total) || total < 30 || total > 2_000_000) {
    throw new RangeError(
      `size must be small, medium, large or a whole number from 30 to 2000000, got "${size}"`,
    );
  }
  const scale = total <= 500 ? 0 : total <= 10_000 ? 1 : 2;
  return {
    size,
    resources: {
      aws: Math.round(total * SHARE.aws),
      azure: Math.round(total * SHARE.azure),
      gcp: total - Math.round(total * SHARE.aws) - Math.round(total * SHARE.azure),
    },
    accounts: { aws: [2, 3, 6][scale]!, azure: [2, 3, 5][scale]!, gcp: [2, 3, 5][scale]! },
    regions: { aws: [3, 4, 8][scale]!, azure: [3, 4, 7][scale]!, gcp: [3, 4, 7][scale]! },
  };
}

/**
 * Splits `total` across weighted kinds so that each kind with a weight gets at least `minEach`
 * and the sum is exactly `total` (when total allows).
 */
export function split<K extends string>(
  total: number,
  weights: Readonly<Record<K, number>>,
  minEach = 1,
): Record<K, number> {
  const keys = Object.keys(weights) as K[];
  const sum = keys.reduce((s, k) => s + weights[k], 0);
  const out = {} as Record<K, number>;
  let assigned = 0;
  for (const k of keys) {
    out[k] = Math.max(minEach, Math.floor((total * weights[k]) / sum));
    assigned += out[k];
  }
  // Hand the remainder to the heaviest kinds, so totals match.
  const byWeight = [...keys].sort((a, b) => weights[b] - weights[a]);
  for (let i = 0; assigned < total; i++, assigned++) out[byWeight[i % byWeight.length]!]++;
  return out;
}
