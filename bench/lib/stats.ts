/** Small timing helpers for the benchmark: wall time, percentiles, human formatting. */

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Runs `fn` `n` times in sequence and returns every duration (ms). */
export async function repeat(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await timed(fn)).ms);
  return out;
}

/** Nearest-rank percentile (p in 0..100) of a list of durations. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** 0.42 ms, 12.3 ms, 1.85 s, 4.2 min. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms === 0) return '0 ms';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1_000).toFixed(2)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** How many times faster the simulator is than the baseline (moto), e.g. "148×". */
export function ratio(baselineMs: number, simMs: number): string {
  if (!Number.isFinite(baselineMs) || !Number.isFinite(simMs) || simMs <= 0) return '—';
  const r = baselineMs / simMs;
  return r >= 10 ? `${Math.round(r)}×` : `${r.toFixed(1)}×`;
}

export const mb = (bytes: number): number => Math.round((bytes / 1_048_576) * 10) / 10;
