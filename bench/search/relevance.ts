// The relevance evaluation: Escher's hybrid search beside Fuse.js, MiniSearch and Orama on the
// labelled relevance set, over the simulator's medium estate (seed 7), in one run.
//
//   node --import tsx bench/search/relevance.ts [--cache] [--per-query]
//
// --cache keeps the discovered estate in the OS temp dir between runs (discovery takes ~20 s).
// Prints the metrics table and writes bench/results/search-relevance.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Resource } from '@escher/protocol';
import { table } from '../lib/table.ts';
import { discoverSimEstate } from './discover-estate.ts';
import { bestPerFamily, judge, runRelevance, type EngineRelevance } from './relevance-run.ts';
import { RELEVANCE_ESTATE, RELEVANCE_SET } from './relevance-set.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = new Set(process.argv.slice(2));

async function loadEstate(): Promise<Resource[]> {
  const cache = join(
    tmpdir(),
    `escher-relevance-estate-${RELEVANCE_ESTATE.seed}-${RELEVANCE_ESTATE.size}.json`,
  );
  if (args.has('--cache') && existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as Resource[];
  console.error(
    `· discovering the ${RELEVANCE_ESTATE.size} estate (seed ${RELEVANCE_ESTATE.seed}) through the three providers`,
  );
  const resources = await discoverSimEstate(RELEVANCE_ESTATE);
  if (args.has('--cache')) writeFileSync(cache, JSON.stringify(resources));
  return resources;
}

const f = (x: number): string => x.toFixed(3);

function printTable(title: string, rows: readonly EngineRelevance[]): void {
  console.log(`\n${title}`);
  console.log(
    table(
      ['engine', 'Recall@5', 'MRR', 'nDCG@10', 'build', 'ms/query'],
      rows.map((r) => [
        r.engine,
        f(r.overall.recallAt5),
        f(r.overall.mrr),
        f(r.overall.ndcgAt10),
        `${Math.round(r.buildMs)} ms`,
        r.queryMs.toFixed(2),
      ]),
    ),
  );
}

async function main(): Promise<void> {
  const resources = await loadEstate();
  console.error(`· ${resources.length} resources; ${RELEVANCE_SET.length} queries; running every engine`);
  const results = await runRelevance(resources);
  const best = bestPerFamily(results);
  printTable(
    `Relevance set: ${RELEVANCE_SET.length} queries over the medium estate (seed ${RELEVANCE_ESTATE.seed}, ${resources.length} resources)`,
    results,
  );
  printTable('Best configuration of each (what the test compares)', best);

  const categories = [...new Set(RELEVANCE_SET.map((q) => q.category))];
  console.log('\nnDCG@10 by category (best configuration of each)');
  console.log(
    table(
      ['category', 'queries', ...best.map((r) => r.family)],
      categories.map((c) => [
        c,
        String(RELEVANCE_SET.filter((q) => q.category === c).length),
        ...best.map((r) => f(r.byCategory[c]?.ndcgAt10 ?? 0)),
      ]),
    ),
  );

  if (args.has('--per-query')) {
    const escher = results[0]!;
    const judgements = judge(resources);
    const byId = new Map(resources.map((r) => [r.id, r]));
    for (const q of RELEVANCE_SET) {
      const ids = escher.ranked[q.query] ?? [];
      const grades = ids.map((id) => judgements.get(q.query)?.get(id) ?? 0);
      console.log(`\n${q.query}  [${grades.join('')}]  relevant: ${judgements.get(q.query)?.size ?? 0}`);
      for (const id of ids.slice(0, 5)) {
        const r = byId.get(id)!;
        console.log(
          `   ${judgements.get(q.query)?.get(id) ?? 0} ${r.cloud} ${r.type} ${r.name} ${r.region} ${r.environment ?? '-'}`,
        );
      }
    }
  }

  const out = join(root, 'bench', 'results', 'search-relevance.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ date: new Date().toISOString(), estate: { ...RELEVANCE_ESTATE, resources: resources.length }, results: results.map(({ ranked: _ranked, ...rest }) => rest) }, null, 2)}\n`,
  );
  console.log(`\nwrote ${out}`);
}

await main();
