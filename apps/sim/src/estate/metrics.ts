import type { Rng } from '../core/rng.ts';

/**
 * A CPU utilisation profile. Series are computed on demand from the profile and the timestamp, so a
 * 100,000-resource estate holds no metric points in memory, and the same seed always yields the
 * same numbers for the same instant.
 */
export interface CpuProfile {
  seed: number;
  /** Mean utilisation, percent. */
  base: number;
  /** Daily swing, percent. */
  amplitude: number;
  /** Idle instances average well under 5 % over any 7 days (the `compute.instance.idle` check). */
  idle: boolean;
}

export function cpuProfile(rng: Rng, idle: boolean): CpuProfile {
  return idle
    ? { seed: rng.int(1, 2 ** 31), base: rng.float(0.3, 2.5), amplitude: rng.float(0.1, 1.2), idle }
    : { seed: rng.int(1, 2 ** 31), base: rng.float(12, 65), amplitude: rng.float(4, 25), idle };
}

const DAY_MS = 86_400_000;

/** CPU percent at instant `t` (ms), at one-minute resolution. */
export function cpuAt(profile: CpuProfile, t: number): number {
  const minute = Math.floor(t / 60_000);
  const dayPhase = ((t % DAY_MS) / DAY_MS) * 2 * Math.PI;
  const noise = (hash(profile.seed, minute) - 0.5) * (profile.idle ? 0.8 : 10);
  const value = profile.base + profile.amplitude * Math.sin(dayPhase - Math.PI / 2) + noise;
  return Math.round(Math.min(100, Math.max(0, value)) * 1000) / 1000;
}

export type Statistic = 'Average' | 'Maximum' | 'Minimum' | 'Sum' | 'SampleCount';

/**
 * Aggregated datapoints over [start, end) at `periodSeconds`, sampling each minute of a period
 * (every 5th minute for periods over an hour, which keeps 30-day queries cheap).
 */
export function cpuSeries(
  profile: CpuProfile,
  start: number,
  end: number,
  periodSeconds: number,
  statistic: Statistic,
): { timestamp: number; value: number }[] {
  const periodMs = Math.max(60, periodSeconds) * 1000;
  const stepMs = periodMs > 3_600_000 ? 300_000 : 60_000;
  const out: { timestamp: number; value: number }[] = [];
  const first = Math.ceil(start / periodMs) * periodMs;
  for (let p = first; p + periodMs <= end + 1 && out.length < 100_800; p += periodMs) {
    let sum = 0;
    let n = 0;
    let max = -Infinity;
    let min = Infinity;
    for (let t = p; t < p + periodMs; t += stepMs) {
      const v = cpuAt(profile, t);
      sum += v;
      n++;
      if (v > max) max = v;
      if (v < min) min = v;
    }
    const value =
      statistic === 'Average'
        ? sum / n
        : statistic === 'Maximum'
          ? max
          : statistic === 'Minimum'
            ? min
            : statistic === 'Sum'
              ? sum
              : n;
    out.push({ timestamp: p, value: Math.round(value * 1000) / 1000 });
  }
  return out;
}

function hash(seed: number, n: number): number {
  let h = Math.imul(seed ^ n, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}
