// Runs the labelled relevance set against Escher's search and the three libraries over the same
// estate and the same documents, and computes Recall@5, MRR and nDCG@10 for each. Shared by the
// eval script (bench/search/relevance.ts) and the test that holds the line
// (apps/escher/src/store/search/relevance.sim.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  DOCUMENT_FIELD_WEIGHTS,
  DOCUMENT_FIELDS,
  hashingEmbedder,
  resourceDocument,
  summariseRelevance,
  type EmbeddingProvider,
  type Judgements,
  type RelevanceSummary,
} from '@escher/knowledge';
import type { Resource } from '@escher/protocol';
import { staticKeySource, Store, systemClock, type StoreScope } from '../../apps/escher/src/store/index.ts';
import type { SearchTuning } from '../../apps/escher/src/store/search/search-engine.ts';
import { searchColumns } from '../../apps/escher/src/store/search/search-index-writer.ts';
import { libraryEngines, type ComparedEngine, type IndexedDocument } from './library-engines.ts';
import { RELEVANCE_SET, type QueryCategory } from './relevance-set.ts';

/** Results each engine returns per query: nDCG@10 needs ten. */
const DEPTH = 10;

/** One engine's figures over the set, overall and per category. */
export interface EngineRelevance {
  engine: string;
  /** The library (or 'Escher') the configuration belongs to. */
  family: string;
  overall: RelevanceSummary;
  byCategory: Partial<Record<QueryCategory, RelevanceSummary>>;
  buildMs: number;
  /** Mean wall time per query at this estate size (not the latency benchmark). */
  queryMs: number;
  /** Per query, the top 10 ids (for debugging a regression). */
  ranked: Record<string, string[]>;
}

/** The same documents every library indexes: the analysed fields Escher's BM25 index holds. */
export function indexedDocuments(resources: readonly Resource[]): IndexedDocument[] {
  return resources.map((resource) => {
    const columns = searchColumns(resourceDocument(resource));
    return {
      id: resource.id,
      fields: DOCUMENT_FIELDS.map((name, i) => ({
        name,
        text: columns[i] ?? '',
        weight: DOCUMENT_FIELD_WEIGHTS[name],
      })),
    };
  });
}

/** Writes resources into a fresh encrypted store, one scope per cloud, account and type, as a sync would. */
export async function storeWith(
  resources: readonly Resource[],
  embedder: EmbeddingProvider | null = hashingEmbedder(),
  searchTuning?: SearchTuning,
): Promise<{ store: Store; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'escher-search-'));
  const store = new Store({
    path: join(dir, 'store.db'),
    keySource: staticKeySource({ kind: 'raw', bytes: randomBytes(32) }),
    clock: systemClock,
    embedder,
    ...(searchTuning ? { searchTuning } : {}),
  });
  await store.open();
  const scopes = new Map<string, { scope: StoreScope; resources: Resource[] }>();
  for (const r of resources) {
    const key = `${r.cloud}|${r.account}|${r.type}`;
    let group = scopes.get(key);
    if (!group) {
      group = {
        scope: { cloud: r.cloud, account: r.account, region: 'global', service: r.type },
        resources: [],
      };
      scopes.set(key, group);
    }
    group.resources.push(r);
  }
  const syncId = store.beginSync();
  for (const { scope, resources: list } of scopes.values()) store.replaceScope(scope, list, syncId);
  store.finishSync(syncId, { apiCalls: 0 });
  return {
    store,
    cleanup: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Escher's hybrid search as a compared engine (a store of its own, so configurations do not mix). */
export function escherEngine(
  name: string,
  embedder: EmbeddingProvider | null = hashingEmbedder(),
): ComparedEngine & {
  close(): void;
  resources: readonly Resource[];
} {
  let opened: { store: Store; cleanup(): void } | undefined;
  let resources: readonly Resource[] = [];
  return {
    name,
    get resources() {
      return resources;
    },
    async build() {
      opened = await storeWith(resources, embedder);
    },
    async search(query, limit) {
      const response = await opened!.store.search(query, { limit });
      return response.results.map((r) => r.resource.id);
    },
    close() {
      opened?.cleanup();
    },
    set resources(value: readonly Resource[]) {
      resources = value;
    },
  } as ComparedEngine & { close(): void; resources: readonly Resource[] };
}

async function measure(
  engine: ComparedEngine,
  family: string,
  documents: readonly IndexedDocument[],
  judgements: Map<string, Judgements<string>>,
): Promise<EngineRelevance> {
  const buildStarted = performance.now();
  await engine.build(documents);
  const buildMs = performance.now() - buildStarted;
  const ranked: Record<string, string[]> = {};
  const runs: { category: QueryCategory; ranked: string[]; judgements: Judgements<string> }[] = [];
  const queryStarted = performance.now();
  for (const q of RELEVANCE_SET) {
    const ids = await engine.search(q.query, DEPTH);
    ranked[q.query] = ids;
    runs.push({ category: q.category, ranked: ids, judgements: judgements.get(q.query)! });
  }
  const queryMs = (performance.now() - queryStarted) / RELEVANCE_SET.length;
  const byCategory: Partial<Record<QueryCategory, RelevanceSummary>> = {};
  for (const category of new Set(runs.map((r) => r.category))) {
    byCategory[category] = summariseRelevance(runs.filter((r) => r.category === category));
  }
  return {
    engine: engine.name,
    family,
    overall: summariseRelevance(runs),
    byCategory,
    buildMs,
    queryMs,
    ranked,
  };
}

/** The judgements of every query of the set over these resources. */
export function judge(resources: readonly Resource[]): Map<string, Judgements<string>> {
  const out = new Map<string, Judgements<string>>();
  for (const q of RELEVANCE_SET) {
    const grades = new Map<string, number>();
    for (const r of resources) {
      const grade = q.grade(r);
      if (grade > 0) grades.set(r.id, grade);
    }
    out.set(q.query, grades);
  }
  return out;
}

/**
 * Escher (its default, and with the built-in embedder's vectors to show what they add) and every
 * library configuration, over the same resources, in one run.
 */
export async function runRelevance(
  resources: readonly Resource[],
  options: { libraries?: boolean | readonly ComparedEngine[]; ablations?: boolean } = {},
): Promise<EngineRelevance[]> {
  const documents = indexedDocuments(resources);
  const judgements = judge(resources);
  const escher: { name: string; family: string; embedder: EmbeddingProvider | null }[] = [
    { name: 'Escher (default: filters + BM25 + typo)', family: 'Escher', embedder: null },
  ];
  if (options.ablations !== false) {
    escher.push({
      name: 'Escher + built-in vectors (hashing, 256-d)',
      family: 'Escher ablation',
      embedder: hashingEmbedder(),
    });
  }
  const results: EngineRelevance[] = [];
  for (const config of escher) {
    const engine = escherEngine(config.name, config.embedder);
    engine.resources = resources;
    try {
      results.push(await measure(engine, config.family, documents, judgements));
    } finally {
      engine.close();
    }
  }
  if (options.libraries !== false) {
    const libraries = Array.isArray(options.libraries) ? options.libraries : libraryEngines();
    for (const engine of libraries) {
      results.push(await measure(engine, engine.name.split(' ')[0]!, documents, judgements));
    }
  }
  return results;
}

/** The best configuration of each family, by nDCG@10 (then MRR): what the comparison reports. */
export function bestPerFamily(results: readonly EngineRelevance[]): EngineRelevance[] {
  const best = new Map<string, EngineRelevance>();
  for (const r of results) {
    const current = best.get(r.family);
    if (
      !current ||
      r.overall.ndcgAt10 > current.overall.ndcgAt10 ||
      (r.overall.ndcgAt10 === current.overall.ndcgAt10 && r.overall.mrr > current.overall.mrr)
    ) {
      best.set(r.family, r);
    }
  }
  return [...best.values()];
}
