// Search at 100,000 resources (SPEC section 10: hybrid search p95 ≤ 15 ms, warm): Escher beside
// Fuse.js, MiniSearch and Orama on the same documents and the same fixed query mix.
//
//   node --import tsx bench/search/latency.ts [--count N] [--cache] [--escher-only]
//   (also the last section of `npm run bench`)
//
// The estate is the simulator's medium estate (seed 7, discovered through the providers) tiled
// to N resources: each copy gets its own ids and a numbered name, so documents keep the real
// estate's shape. Prints a table and writes bench/results/search-latency.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashingEmbedder, type EmbeddingProvider } from '@escher/knowledge';
import type { Resource } from '@escher/protocol';
import { formatMs, percentile } from '../lib/stats.ts';
import { table } from '../lib/table.ts';
import { discoverSimEstate } from './discover-estate.ts';
import { fuseEngine, miniSearchEngine, oramaEngine, type ComparedEngine } from './library-engines.ts';
import { indexedDocuments, storeWith } from './relevance-run.ts';
import { RELEVANCE_ESTATE } from './relevance-set.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const COUNT = Number(argv[argv.indexOf('--count') + 1] ?? 0) || 100_000;
const log = (msg: string): void => console.error(`· ${msg}`);

/** The fixed query mix: every category of the relevance set, typed as users type. */
export const LATENCY_QUERIES = [
  'production postgres database',
  'postgress prod db',
  'kubernetes clusters',
  'VMs in Frankfurt',
  'buckets not encrypted',
  'NOT tag:owner',
  'paymnets',
  'lamda functions',
  'team:payments',
  'stopped databases',
  'west us 2 load balancers',
  'eks prod',
  'windows servers',
  'unattached disks',
  'ledger prod',
  'search-db-3',
  'python functions',
  'databases in N. Virginia',
  'sre team clusters',
  'fraud api',
] as const;

/**
 * Measured rounds over the mix (after a warm-up round): ten for Escher and MiniSearch; Orama and
 * Fuse.js, seconds to tens of seconds a query at 100k, run five queries once without warm-up.
 */
const ROUNDS = { fast: 10, slow: 1 };

export interface LatencyRow {
  engine: string;
  resources: number;
  buildMs: number;
  samples: number;
  /** Wall time percentiles (ms). */
  p50: number;
  p95: number;
  p99: number;
  /** CPU time percentiles (ms): the latency on an idle machine. */
  cpuP50: number;
  cpuP95: number;
  cpuP99: number;
  note?: string;
}

/** The medium estate tiled to `count` resources: copy c > 0 gets ids `…#c` and names `…-c`. */
export function tileEstate(base: readonly Resource[], count: number): Resource[] {
  const out: Resource[] = [];
  for (let copy = 0; out.length < count; copy += 1) {
    for (const r of base) {
      if (out.length >= count) break;
      if (copy === 0) {
        out.push(r);
        continue;
      }
      const id = `${r.id}#${copy}`;
      out.push({ ...r, id, nativeId: id, name: `${r.name}-${copy}` });
    }
  }
  return out;
}

async function loadBase(): Promise<Resource[]> {
  const cache = join(
    tmpdir(),
    `escher-relevance-estate-${RELEVANCE_ESTATE.seed}-${RELEVANCE_ESTATE.size}.json`,
  );
  if (argv.includes('--cache') && existsSync(cache))
    return JSON.parse(readFileSync(cache, 'utf8')) as Resource[];
  log(
    `discovering the ${RELEVANCE_ESTATE.size} estate (seed ${RELEVANCE_ESTATE.seed}) through the three providers`,
  );
  const resources = await discoverSimEstate(RELEVANCE_ESTATE);
  if (argv.includes('--cache')) writeFileSync(cache, JSON.stringify(resources));
  return resources;
}

/**
 * Wall time per query, and the CPU time this process spent on it. Every engine here computes on
 * the main thread, so on a busy machine CPU time is the latency the same query would have on an
 * idle one; wall time adds the waiting for a core.
 */
async function timeQueries(
  search: (q: string) => Promise<unknown>,
  rounds: number,
  queries: readonly string[] = LATENCY_QUERIES,
): Promise<{ wall: number[]; cpu: number[] }> {
  // Warm-up: caches, the corrector, JIT. Skipped for the slow engine (no caches; seconds a query).
  if (rounds > 1) for (const q of queries) await search(q);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const q of queries) {
      const cpuStarted = process.cpuUsage();
      const started = performance.now();
      await search(q);
      wall.push(performance.now() - started);
      const used = process.cpuUsage(cpuStarted);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  return { wall, cpu };
}

function row(
  engine: string,
  resources: number,
  buildMs: number,
  samples: { wall: number[]; cpu: number[] },
  note?: string,
): LatencyRow {
  return {
    engine,
    resources,
    buildMs,
    samples: samples.wall.length,
    p50: percentile(samples.wall, 50),
    p95: percentile(samples.wall, 95),
    p99: percentile(samples.wall, 99),
    cpuP50: percentile(samples.cpu, 50),
    cpuP95: percentile(samples.cpu, 95),
    cpuP99: percentile(samples.cpu, 99),
    ...(note ? { note } : {}),
  };
}

async function escherRow(
  name: string,
  resources: Resource[],
  embedder: EmbeddingProvider | null,
): Promise<{ row: LatencyRow; bytesPerResource: number }> {
  log(
    `${name}: writing ${resources.length.toLocaleString('en-US')} resources into an encrypted store and indexing them`,
  );
  const started = performance.now();
  const { store, cleanup } = await storeWith(resources, embedder);
  const buildMs = performance.now() - started;
  try {
    const samples = await timeQueries((q) => store.search(q, { limit: 20 }), ROUNDS.fast);
    // After a checkpoint: the WAL (up to 64 MB before SQLite folds it in) is not the store's size.
    store.database().pragma('wal_checkpoint(TRUNCATE)');
    const bytesPerResource = Math.round(store.stats().fileBytes / resources.length);
    return {
      row: row(
        name,
        resources.length,
        buildMs,
        samples,
        `store + index build; ${bytesPerResource} B/resource on disk`,
      ),
      bytesPerResource,
    };
  } finally {
    cleanup();
  }
}

async function libraryRow(
  engine: ComparedEngine,
  resources: Resource[],
  rounds: number,
  queries: readonly string[] = LATENCY_QUERIES,
): Promise<LatencyRow> {
  log(`${engine.name}: indexing`);
  const documents = indexedDocuments(resources);
  const started = performance.now();
  await engine.build(documents);
  const buildMs = performance.now() - started;
  log(`${engine.name}: querying (${rounds} warm round${rounds === 1 ? '' : 's'})`);
  const samples = await timeQueries((q) => engine.search(q, 20), rounds, queries);
  const note =
    queries.length < LATENCY_QUERIES.length
      ? `${queries.length} of the ${LATENCY_QUERIES.length} queries, once each: seconds per query`
      : undefined;
  return row(engine.name, resources.length, buildMs, samples, note);
}

export async function runLatency(): Promise<{ loadAverage: number; rows: LatencyRow[] }> {
  const loadAverage = Math.round(loadavg()[0]! * 100) / 100;
  const resources = tileEstate(await loadBase(), COUNT);
  const rows: LatencyRow[] = [];
  rows.push((await escherRow('Escher hybrid (default: BM25 + typo)', resources, null)).row);
  rows.push((await escherRow('Escher + built-in vectors', resources, hashingEmbedder())).row);
  if (argv.includes('--escher-only')) return { loadAverage, rows };
  rows.push(await libraryRow(miniSearchEngine('AND'), resources, ROUNDS.fast));
  // Orama (typo tolerance walks its radix tree for every term) and Fuse.js (a full scan per
  // query) take seconds to tens of seconds a query at 100k: five queries of the mix, once.
  rows.push(await libraryRow(oramaEngine(1), resources, ROUNDS.slow, LATENCY_QUERIES.slice(0, 5)));
  rows.push(await libraryRow(fuseEngine('tokens'), resources, ROUNDS.slow, LATENCY_QUERIES.slice(0, 5)));
  return { loadAverage, rows };
}

function print(result: { loadAverage: number; rows: LatencyRow[] }): void {
  console.log(
    `\nSearch at ${COUNT.toLocaleString('en-US')} resources (medium sim estate tiled), ${LATENCY_QUERIES.length} queries, warm; load average ${result.loadAverage} at start`,
  );
  console.log(
    table(
      ['engine', 'build', 'queries', 'p50', 'p95', 'p99', 'CPU p50', 'CPU p95', 'CPU p99'],
      result.rows.map((r) => [
        r.engine,
        formatMs(r.buildMs),
        String(r.samples),
        formatMs(r.p50),
        formatMs(r.p95),
        formatMs(r.p99),
        formatMs(r.cpuP50),
        formatMs(r.cpuP95),
        formatMs(r.cpuP99),
      ]),
    ),
  );
  for (const r of result.rows.filter((x) => x.note)) console.log(`  ${r.engine}: ${r.note}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await runLatency();
  print(result);
  const out = join(root, 'bench', 'results', 'search-latency.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ date: new Date().toISOString(), count: COUNT, ...result }, null, 2)}\n`,
  );
  console.log(`\nwrote ${out}`);
}
