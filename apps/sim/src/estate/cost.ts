import type { Cloud } from '@escher/protocol';
import type { Rng } from '../core/rng.ts';
import type { ManifestBuilder } from './manifest-builder.ts';

/** One day's spend for one account and service, in USD. */
export interface DailyCost {
  /** YYYY-MM-DD (UTC). */
  date: string;
  account: string;
  service: string;
  usd: number;
}

export interface CostHistoryInput {
  cloud: Cloud;
  accounts: readonly string[];
  /** Service names as the cloud's billing reports them, with a typical daily spend. */
  services: readonly { name: string; dailyUsd: number }[];
  /** The estate's reference instant; history ends on its day. */
  epoch: number;
  days: number;
  anomalies: number;
}

const DAY_MS = 86_400_000;

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Daily spend per account and service: a base with weekly seasonality, a gentle trend and noise,
 * plus `anomalies` injected spikes (3–6× the expected value) in the last 60 days, each recorded in
 * the manifest with the expected and actual amounts.
 */
export function generateCostHistory(
  rng: Rng,
  input: CostHistoryInput,
  manifest: ManifestBuilder,
): DailyCost[] {
  const endDay = Math.floor(input.epoch / DAY_MS) * DAY_MS;
  const rows: DailyCost[] = [];
  const spikes = new Map<string, number>();
  for (let i = 0; i < input.anomalies; i++) {
    const account = rng.pick(input.accounts);
    const service = rng.pick(input.services).name;
    const date = isoDay(endDay - rng.int(2, 60) * DAY_MS);
    spikes.set(`${account}|${service}|${date}`, rng.float(3, 6));
  }
  for (const account of input.accounts) {
    const accountScale = rng.float(0.4, 2.5);
    for (const service of input.services) {
      const base = service.dailyUsd * accountScale * rng.float(0.5, 1.5);
      const trend = rng.float(-0.002, 0.006);
      for (let d = input.days - 1; d >= 0; d--) {
        const day = endDay - d * DAY_MS;
        const date = isoDay(day);
        const weekday = new Date(day).getUTCDay();
        const seasonal = weekday === 0 || weekday === 6 ? 0.82 : 1.05;
        const expected = base * seasonal * (1 + trend * (input.days - d));
        let usd = expected * rng.float(0.93, 1.07);
        const factor = spikes.get(`${account}|${service.name}|${date}`);
        if (factor) {
          usd = expected * factor;
          manifest.anomaly({
            cloud: input.cloud,
            account,
            service: service.name,
            date,
            expectedUsd: round2(expected),
            actualUsd: round2(usd),
          });
        }
        rows.push({ date, account, service: service.name, usd: round2(usd) });
      }
    }
  }
  return rows;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
