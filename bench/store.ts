// Store ingest benchmark (SPEC section 10: ≥ 50,000 resources/s into the encrypted store, ≤ 3 KB
// per resource including indexes and vectors). Writes synthetic resources (default 100,000) into
// a fresh encrypted store scope by scope, one transaction each, as a first sync does; then
// re-syncs them unchanged, and with 5 % changed / 1 % removed / 1 % added.
//
// Run alone: node --import tsx bench/store.ts [count]
// Wall time is the figure; CPU time and the load average are printed beside it because other work
// on the machine stretches wall time.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Resource } from '@escher/protocol';
import { staticKeySource, Store, systemClock, type SyncSummary } from '../apps/escher/src/store/index.ts';
import {
  groupByScope,
  syntheticEstate,
  type ScopedResources,
} from '../apps/escher/src/store/testing/index.ts';

/** What the benchmark measured, for bench/run.ts to fold into its table later. */
export interface StoreBenchResult {
  resources: number;
  scopes: number;
  ingestPerSecond: number;
  ingestCpuPerSecond: number;
  resyncPerSecond: number;
  changedSyncPerSecond: number;
  bytesPerResource: number;
  loadAverage: number;
}

interface Timed {
  ms: number;
  cpuMs: number;
  summary: SyncSummary;
}

function timedSync(store: Store, scopes: readonly ScopedResources[]): Timed {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const syncId = store.beginSync();
  for (const { scope, resources } of scopes) store.replaceScope(scope, resources, syncId);
  const summary = store.finishSync(syncId, { apiCalls: 0 });
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, summary };
}

/** 5 % changed (state and a tag), 1 % removed, 1 % new. */
function mutate(resources: readonly Resource[]): Resource[] {
  const out: Resource[] = [];
  resources.forEach((r, i) => {
    if (i % 100 === 7) return;
    if (i % 20 === 3) {
      out.push({
        ...r,
        state: r.state === 'running' ? 'stopped' : 'running',
        tags: { ...r.tags, patched: 'yes' },
      });
    } else {
      out.push(r);
    }
  });
  const fresh = syntheticEstate({ count: Math.round(resources.length / 100), seed: 7 });
  return [...out, ...fresh.map((r) => ({ ...r, id: `${r.id}-new`, nativeId: `${r.id}-new` }))];
}

/** Runs the benchmark in a temporary directory and returns its figures. */
export async function benchStore(count: number): Promise<StoreBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'escher-store-bench-'));
  const path = join(dir, 'store.db');
  try {
    const resources = syntheticEstate({ count, seed: 42 });
    const scopes = groupByScope(resources);
    const changedScopes = groupByScope(mutate(resources));
    const loadAverage = Math.round((loadavg()[0] ?? 0) * 100) / 100;

    const store = new Store({
      path,
      keySource: staticKeySource({ kind: 'raw', bytes: randomBytes(32) }),
      clock: systemClock,
    });
    await store.open();
    const first = timedSync(store, scopes);
    const resync = timedSync(store, scopes);
    const changed = timedSync(store, changedScopes);
    store.close();
    const fileBytes = statSync(path).size;

    const perSecond = (n: number, ms: number): number => Math.round(n / (ms / 1000));
    return {
      resources: count,
      scopes: scopes.length,
      ingestPerSecond: perSecond(count, first.ms),
      ingestCpuPerSecond: perSecond(count, first.cpuMs),
      resyncPerSecond: perSecond(count, resync.ms),
      changedSyncPerSecond: perSecond(changed.summary.resources, changed.ms),
      bytesPerResource: Math.round(fileBytes / count),
      loadAverage,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(result: StoreBenchResult): void {
  const n = (value: number): string => value.toLocaleString('en-US');
  const rows: [string, string][] = [
    ['resources', `${n(result.resources)} in ${result.scopes} scopes, encrypted store (AEGIS-256), WAL`],
    [
      'first sync (all added)',
      `${n(result.ingestPerSecond)} resources/s (CPU time: ${n(result.ingestCpuPerSecond)}/s)`,
    ],
    ['re-sync, unchanged', `${n(result.resyncPerSecond)} resources/s`],
    ['re-sync, 5 % changed / 1 % removed / 1 % added', `${n(result.changedSyncPerSecond)} resources/s`],
    [
      'store size after 3 syncs',
      `${n(result.bytesPerResource)} bytes/resource (indexes, FTS and history included)`,
    ],
    ['load average at start', String(result.loadAverage)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  const ingest = result.ingestPerSecond >= 50_000 ? 'met' : 'missed';
  const size = result.bytesPerResource <= 3_072 ? 'met' : 'missed';
  console.log(`targets: ingest ≥ 50,000 resources/s ${ingest}; ≤ 3 KB/resource ${size}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  print(await benchStore(Number(process.argv[2] ?? 100_000)));
}
