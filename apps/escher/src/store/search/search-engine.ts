import {
  analyze,
  createCorrector,
  DEFAULT_RRF_K,
  evaluate,
  formatFilter,
  fuseRankings,
  isSyncEmbeddingProvider,
  quantizeInt8,
  resourceSummary,
  MATCH_ALL,
  parseFilter,
  pushdown,
  rankResults,
  understandQuery,
  type EmbeddingProvider,
  type FilterExpr,
  type RankedList,
  type ResultExplanation,
  type UnderstoodQuery,
  type VocabularyCorrector,
} from '@escher/knowledge';
import type { Resource } from '@escher/protocol';
import type { SqliteDatabase } from '../database/sqlite.ts';
import { rowToResource, RESOURCE_SELECT_COLUMNS, type ResourceRow } from '../resources/resource-row.ts';
import { rowFilterOf, SearchRetrievers, type LightRow, type RowFilter } from './search-retrievers.ts';
import type { SearchIndexWriter } from './search-index-writer.ts';

/** `escher search` options. */
export interface SearchOptions {
  /** Results to return (default 20). */
  limit?: number;
  /** A filter in the filter language, ANDed with what the query itself asks. */
  where?: string;
  /** Attach why each result matched. */
  explain?: boolean;
}

/** Per-result explanation: the ranking's own, plus the query as it was understood. */
export interface SearchExplanation extends ResultExplanation {
  query: { terms: string[]; corrections: { from: string; to: string }[]; filter: string; warnings: string[] };
}

/** One result, SPEC section 7's shape (`explain` only when asked). */
export interface SearchHit {
  score: number;
  resource: Resource;
  explain?: SearchExplanation;
}

/** SPEC section 7: `{ query, tookMs, results: [{ score, resource }] }`. */
export interface SearchResponse {
  query: string;
  tookMs: number;
  results: SearchHit[];
}

/** How much each retriever counts in the fusion, and how deep each list goes. */
export interface SearchTuning {
  k: number;
  depth: number;
  weights: { bm25: number; typo: number; vector: number };
}

/**
 * Defaults measured on the relevance set (bench/search/relevance.ts, docs/search.md): BM25 leads,
 * the fuzzy list catches partial and mistyped words, vectors add a little on top.
 */
export const DEFAULT_TUNING: SearchTuning = {
  k: DEFAULT_RRF_K,
  depth: 200,
  weights: { bm25: 1, typo: 0.6, vector: 0.3 },
};

/** A filter-only query with boosts ranks this many pages of matches by them, at most FILTER_SCAN_CAP rows. */
const FILTER_WINDOW = 3;
const FILTER_SCAN_CAP = 2_000;

/**
 * Hybrid search over the store (SPEC section 2): query understanding (@escher/knowledge) turns
 * free text into filters, boosts and terms; the filters' equality constraints narrow every list in
 * SQL; BM25 over the weighted documents, a fuzzy list (prefixes and close spellings of the terms
 * from the index's own vocabulary) and a vector list (the query's embedding, nearest by cosine)
 * are fused by reciprocal rank; then every candidate is checked against the whole filter, boosts
 * applied, and the top `limit` returned.
 */
export class SearchEngine {
  private readonly retrievers: SearchRetrievers;
  private corrector: { generation: number; corrector: VocabularyCorrector } | undefined;
  private generation = 0;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly writer: SearchIndexWriter,
    private readonly embedder: EmbeddingProvider | undefined,
    private readonly tuning: SearchTuning = DEFAULT_TUNING,
  ) {
    this.retrievers = new SearchRetrievers(db);
  }

  /**
   * Brings the index up to date (at most `maxChanges` changes of it); called before every
   * search, at the end of every sync, and in steps during one. True when changes are left.
   */
  refresh(maxChanges?: number): boolean {
    const result = this.writer.refresh(maxChanges);
    if (result.touched > 0 || result.rebuilt) {
      this.generation += 1;
      this.retrievers.reset();
    }
    return result.pending;
  }

  /**
   * Live resources whose words match free text, best first: what `escher graph` and `escher
   * history` resolve a typed name with, and suggest from. BM25 and partial words over the search
   * index, typos corrected towards the estate's own words (`paymnets` → payments); no filter
   * language and no vectors, so it answers synchronously.
   */
  textHits(text: string, limit: number): { rank: number; resource: Resource }[] {
    this.refresh();
    const corrector = this.currentCorrector();
    const terms = analyze(text).map((term) => corrector.correct(term)?.to ?? term);
    if (terms.length === 0) return [];
    const { depth, weights } = this.tuning;
    const lists: RankedList<number>[] = [
      { retriever: 'bm25', weight: weights.bm25, hits: this.retrievers.bm25(terms, {}, depth) },
    ];
    const fuzzy = this.retrievers.fuzzy(terms, {}, depth, corrector);
    if (fuzzy) lists.push({ retriever: 'typo', weight: weights.typo, hits: fuzzy });
    const fused = fuseRankings(lists, { k: this.tuning.k }).slice(0, limit * 2);
    const loaded = this.loadPassing(
      fused.map((c) => c.id),
      MATCH_ALL,
      limit,
    );
    const hits: { rank: number; resource: Resource }[] = [];
    for (const candidate of fused) {
      const resource = loaded.get(candidate.id);
      if (resource) hits.push({ rank: hits.length + 1, resource });
      if (hits.length === limit) break;
    }
    return hits;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResponse> {
    const started = performance.now();
    const limit = options.limit ?? 20;
    this.refresh();
    const where = options.where?.trim() ? parseFilter(options.where) : undefined;
    const understood = asFilterQuery(query) ?? understandQuery(query, { corrector: this.currentCorrector() });
    const filter = and(where, understood.filter);
    const rowFilter: RowFilter = rowFilterOf(filter);

    const lists: RankedList<number>[] = [];
    const terms = understood.terms;
    if (terms.length > 0) {
      const { depth, weights } = this.tuning;
      lists.push({
        retriever: 'bm25',
        weight: weights.bm25,
        hits: this.retrievers.bm25(terms, rowFilter, depth),
      });
      const fuzzy = this.retrievers.fuzzy(terms, rowFilter, depth, this.currentCorrector());
      if (fuzzy) lists.push({ retriever: 'typo', weight: weights.typo, hits: fuzzy });
      if (this.embedder && weights.vector > 0) {
        await this.fillVectors(this.embedder);
        const [vector] = await this.embedder.embed([terms.join(' ')], 'query');
        if (vector)
          lists.push({
            retriever: 'vector',
            weight: weights.vector,
            hits: this.retrievers.vector(vector, rowFilter, depth),
          });
      }
    }
    const fused = fuseRankings(lists, { k: this.tuning.k });
    const resources = this.loadPassing(
      fused.map((c) => c.id),
      filter,
      limit,
    );
    const passing = fused.filter((c) => resources.has(c.id));
    // Text hits come first; filter matches no list found fill the rest of the page (all of it when
    // the query is only filters: "buckets not encrypted").
    // The scan reads boosted rows first where SQL can test the boost (cloud, type, region…), so a
    // window a few pages deep holds the best of them; boosts SQL cannot test reorder that window.
    const wanted =
      lists.length > 0
        ? limit - passing.length
        : understood.boosts.length > 0
          ? Math.min(FILTER_SCAN_CAP, limit * FILTER_WINDOW)
          : limit;
    const preferred = understood.boosts.map((b) => pushdown(b.expr));
    const filterMatches =
      filter === MATCH_ALL || wanted <= 0
        ? []
        : this.filterMatches(filter, rowFilter, preferred, resources, wanted);

    const ranked = rankResults({
      fused: passing,
      filterMatches,
      resources,
      lists,
      k: this.tuning.k,
      filterOnlyContribution: 1 / (this.tuning.k + this.tuning.depth + 1),
      limit,
      boosts: understood.boosts,
      filters: understood.filters,
      ...(where ? { where: { filter: formatFilter(where), from: options.where ?? '' } } : {}),
    });

    const queryExplanation = {
      terms,
      corrections: understood.corrections.map(({ from, to }) => ({ from, to })),
      filter: formatFilter(filter),
      warnings: understood.warnings,
    };
    return {
      query,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
      results: ranked.map((r) => ({
        score: Math.round(r.score * 10_000) / 10_000,
        resource: r.resource,
        ...(options.explain ? { explain: { ...r.explanation, query: queryExplanation } } : {}),
      })),
    };
  }

  /**
   * Embeds resources that have no vector yet, for a provider that cannot embed inside the
   * index writer's transaction (an HTTP endpoint): after a sync, the first search pays for it.
   */
  private async fillVectors(embedder: EmbeddingProvider): Promise<void> {
    if (isSyncEmbeddingProvider(embedder)) return;
    const missing = this.db.prepare(
      `SELECT ${RESOURCE_SELECT_COLUMNS} FROM resources r WHERE r.removed_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM resource_vectors v WHERE v.rowid = r.rowid) ORDER BY r.rowid LIMIT 256`,
    );
    const insert = this.db.prepare('INSERT INTO resource_vectors (rowid, embedding) VALUES (?, vec_int8(?))');
    for (let rows = missing.all() as ResourceRow[]; rows.length > 0; rows = missing.all() as ResourceRow[]) {
      const vectors = await embedder.embed(
        rows.map((row) => resourceSummary(rowToResource(row))),
        'document',
      );
      this.db.transaction(() => {
        rows.forEach((row, i) => {
          const vector = vectors[i];
          if (vector) insert.run(BigInt(row.rowid), Buffer.from(quantizeInt8(vector).buffer));
        });
      })();
    }
  }

  /**
   * Loads the best candidates by rowid, keeping those the whole filter accepts, until twice the
   * page passed (diversity reorders that head) or the candidates run out: decoding a resource is
   * most of a warm query's cost, and the tail of a 400-deep fusion is rarely shown.
   */
  private loadPassing(rowids: readonly number[], filter: FilterExpr, limit: number): Map<number, Resource> {
    const out = new Map<number, Resource>();
    const load = this.db.prepare(
      `SELECT ${RESOURCE_SELECT_COLUMNS} FROM resources WHERE rowid IN (SELECT value FROM json_each(?)) AND removed_at IS NULL`,
    );
    const chunk = Math.max(50, limit * 3);
    for (let i = 0; i < rowids.length && out.size < limit * 2; i += chunk) {
      for (const row of load.all(JSON.stringify(rowids.slice(i, i + chunk))) as ResourceRow[]) {
        const resource = lazyResource(row);
        if (filter === MATCH_ALL || evaluate(filter, resource)) out.set(row.rowid, resource);
      }
    }
    return out;
  }

  /**
   * Up to `wanted` resources that satisfy the filter but no list returned, in rowid order.
   * Pushed-down constraints narrow the scan in SQL; the rest of the filter is evaluated row by row.
   */
  private filterMatches(
    filter: FilterExpr,
    rowFilter: RowFilter,
    preferred: readonly RowFilter[],
    already: ReadonlyMap<number, Resource>,
    wanted: number,
  ): { id: number; resource: Resource }[] {
    const out: { id: number; resource: Resource }[] = [];
    for (const row of this.retrievers.candidates(rowFilter, preferred)) {
      if (already.has(row.rowid)) continue;
      const resource = lazyResource(row, () => this.retrievers.heavyColumns(row.rowid));
      if (!evaluate(filter, resource)) continue;
      out.push({ id: row.rowid, resource });
      if (out.length >= wanted) break;
    }
    return out;
  }

  /** A typo corrector that knows the estate's own words (names, tags), rebuilt after index changes. */
  private currentCorrector(): VocabularyCorrector {
    if (this.corrector?.generation !== this.generation) {
      this.corrector = {
        generation: this.generation,
        corrector: createCorrector({ words: this.retrievers.estateWords() }),
      };
    }
    return this.corrector.corrector;
  }
}

/**
 * A query written wholly in the filter language (`NOT tag:owner`, `env=prod AND team=payments`)
 * is taken as that filter, exactly: reading it as free text would lose its operators. A query
 * with bare words is free text (`team=data databases`), where the words are search terms.
 */
function asFilterQuery(query: string): UnderstoodQuery | undefined {
  if (!/[:=<>~]/.test(query)) return undefined;
  let expr: FilterExpr;
  try {
    expr = parseFilter(query);
  } catch {
    return undefined;
  }
  const hasText = (e: FilterExpr): boolean =>
    e.kind === 'text' ||
    (e.kind === 'not' && hasText(e.child)) ||
    ((e.kind === 'and' || e.kind === 'or') && e.children.some(hasText));
  if (hasText(expr)) return undefined;
  return {
    query,
    filter: expr,
    filters: [{ expr, negated: false, source: query.trim() }],
    boosts: [],
    terms: [],
    corrections: [],
    warnings: [],
  };
}

/**
 * A resource whose tags, attributes and relationships are parsed from their JSON only when first
 * read: most filters look at a column or two, and parsing every candidate's attributes was most
 * of a filter-only query's time. The properties stay enumerable, so JSON output is unchanged.
 */
function lazyResource(
  row: LightRow | ResourceRow,
  readHeavy?: () => { attributes: string; relationships: string },
): Resource {
  const resource = rowToResource({ ...row, tags: '{}', attributes: '{}', relationships: '[]' });
  let heavy: { attributes: string; relationships: string } | undefined;
  const text = (key: 'tags' | 'attributes' | 'relationships'): string => {
    if (key === 'tags') return row.tags;
    const own = row[key];
    if (own !== null) return own;
    heavy ??= readHeavy!();
    return heavy[key];
  };
  for (const key of ['tags', 'attributes', 'relationships'] as const) {
    let parsed: unknown;
    Object.defineProperty(resource, key, {
      enumerable: true,
      configurable: true,
      get: () => (parsed ??= JSON.parse(text(key))),
      set: (value: unknown) => {
        parsed = value;
      },
    });
  }
  return resource;
}

function and(a: FilterExpr | undefined, b: FilterExpr): FilterExpr {
  if (!a || a === MATCH_ALL) return b;
  if (b === MATCH_ALL) return a;
  return { kind: 'and', children: [a, b] };
}
