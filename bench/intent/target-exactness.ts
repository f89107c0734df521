// `node --import tsx bench/intent/target-exactness.ts [--seed 7] [--size medium] [--verbose]`:
// target-set exactness of `escher ask` over the labelled set, against the simulator's estate
// (discovered through the three providers, as a sync stores it) with an independent reference
// computed from each label and the simulator's manifest. Per-field intent accuracy beside it.
// See docs/ask.md.
import { discoverSimEstateWithManifest } from '../../apps/escher/src/ask/testing/sim-estate.ts';
import { measureTargetExactness } from '../../apps/escher/src/ask/testing/target-exactness.ts';
import {
  SCORED_FIELDS,
  accuracyOf,
  scoreLabelled,
} from '../../packages/knowledge/src/intent/fixtures/intent-scoring.ts';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** The figures, for bench/run.ts. */
export interface TargetExactnessResult {
  seed: number;
  size: string;
  resources: number;
  compared: number;
  nonEmpty: number;
  exact: number;
  exactNonEmpty: number;
  excluded: number;
  fields: Record<string, number>;
  exactIntent: number;
}

/** Discovers the estate, scores the labelled set and measures target-set exactness. */
export async function run(
  options: { seed?: number; size?: string; verbose?: boolean } = {},
): Promise<TargetExactnessResult> {
  const seed = options.seed ?? 7;
  const size = options.size ?? 'medium';
  const { resources, manifest } = await discoverSimEstateWithManifest({ seed, size });
  const report = measureTargetExactness(resources, manifest);
  const accuracy = accuracyOf(scoreLabelled());
  console.log(`Target-set exactness, offline path: seed ${seed}, ${size} (${resources.length} resources)\n`);
  console.log('| field | labelled set |');
  console.log('| --- | ---: |');
  for (const field of SCORED_FIELDS) console.log(`| ${field} | ${pct(accuracy.fields[field])} |`);
  console.log(`| exact intent (all fields) | ${pct(accuracy.exact)} |`);
  console.log(
    `| **target set exact** | **${pct(report.exact)}** (${report.rows.filter((r) => r.exact).length}/${report.rows.length}) |`,
  );
  console.log(
    `| target set exact, expected set not empty | ${pct(report.exactNonEmpty)} (${report.nonEmpty} requests) |`,
  );
  console.log(`\nLeft out: ${report.excluded.length} (${summarise(report.excluded.map((e) => e.why))})`);
  const misses = report.rows.filter((r) => !r.exact);
  if (misses.length > 0) {
    console.log(`\nMisses (${misses.length}):`);
    for (const m of misses) {
      console.log(`- "${m.request}": expected ${m.expected}, got ${m.got}`);
      if (options.verbose) console.log(`    missing ${m.missing.join(', ')}; extra ${m.extra.join(', ')}`);
    }
  }
  return {
    seed,
    size,
    resources: resources.length,
    compared: report.rows.length,
    nonEmpty: report.nonEmpty,
    exact: report.exact,
    exactNonEmpty: report.exactNonEmpty,
    excluded: report.excluded.length,
    fields: accuracy.fields,
    exactIntent: accuracy.exact,
  };
}

function summarise(reasons: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([r, n]) => `${n} ${r}`).join(', ');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/bench\//, '/bench/'))) {
  await run({
    seed: Number(arg('--seed', '7')),
    size: arg('--size', 'medium'),
    verbose: process.argv.includes('--verbose'),
  });
}
