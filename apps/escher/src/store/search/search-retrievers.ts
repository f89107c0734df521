import {
  analyze,
  DOCUMENT_FIELD_WEIGHTS,
  DOCUMENT_FIELDS,
  pushdown,
  quantizeInt8,
  type AttributeFlag,
  type FilterExpr,
  type PushdownConstraints,
  type VocabularyCorrector,
} from '@escher/knowledge';
import type { SqliteDatabase, SqliteStatement } from '../database/sqlite.ts';
import { RESOURCE_SELECT_COLUMNS, type ResourceRow } from '../resources/resource-row.ts';
import { FACETS, facetToken, flagToken } from './search-index-writer.ts';

/**
 * Necessary conditions every list applies: the filter's pushdown (equality constraints) and the
 * attribute flags its top level requires (`is:public`, "unencrypted").
 */
export type RowFilter = PushdownConstraints & { flags?: readonly AttributeFlag[] };

/** The row filter of a filter expression: its pushdown plus its top-level required flags. */
export function rowFilterOf(expr: FilterExpr): RowFilter {
  const flags: AttributeFlag[] = [];
  const visit = (e: FilterExpr): void => {
    if (e.kind === 'and') e.children.forEach(visit);
    else if (e.kind === 'flag') flags.push(e.flag);
  };
  visit(expr);
  return flags.length > 0 ? { ...pushdown(expr), flags } : pushdown(expr);
}

/** One list entry: a resources rowid and the retriever's score (higher is better). */
export interface Hit {
  id: number;
  score: number;
}

// The facets column weighs nothing: it constrains, it does not rank.
const BM25_WEIGHTS = [...DOCUMENT_FIELDS.map((field) => DOCUMENT_FIELD_WEIGHTS[field]), 0].join(', ');
/** A vector hit must reach this share of the best hit's cosine similarity to be listed. */
const VECTOR_RELATIVE_FLOOR = 0.5;
/** Shortest partial word expanded as a prefix: shorter ones match too much to mean anything. */
const MIN_PREFIX = 3;
/**
 * Terms in more than this share of documents are left out of BM25: FTS5 floors their IDF at
 * ~0, so they cannot change a rank, yet walking their postings is most of a query's cost
 * ("team" is in two thirds of the documents, as a tag key).
 */
const MAX_DOCUMENT_SHARE = 0.5;
const ROWS_PER_READ = 200;
/**
 * The columns a candidate is read with: all but attributes and relationships, the two largest,
 * which `heavyColumns` reads for the few candidates whose filter or output needs them.
 */
const LIGHT_COLUMNS = RESOURCE_SELECT_COLUMNS.replace('attributes', 'NULL AS attributes').replace(
  'relationships',
  'NULL AS relationships',
);

/** A candidate row: attributes and relationships are null until read with `heavyColumns`. */
export type LightRow = Omit<ResourceRow, 'attributes' | 'relationships'> & {
  attributes: string | null;
  relationships: string | null;
};

/** The SQL side of hybrid search: the three ranked lists, filter candidates, the estate's words. */
export class SearchRetrievers {
  private documentFrequency = new Map<string, number>();
  private documents: number | undefined;
  private heavy: SqliteStatement<[number]> | undefined;

  constructor(private readonly db: SqliteDatabase) {
    // The index's vocabulary, per column and per term. Temporary: views over resource_search,
    // created per connection, never stored.
    db.exec(
      'CREATE VIRTUAL TABLE IF NOT EXISTS temp.resource_search_terms USING fts5vocab(main, resource_search, col)',
    );
    db.exec(
      'CREATE VIRTUAL TABLE IF NOT EXISTS temp.resource_search_rows USING fts5vocab(main, resource_search, row)',
    );
  }

  /** Forgets cached term statistics (the index changed). */
  reset(): void {
    this.documentFrequency.clear();
    this.documents = undefined;
  }

  /** BM25 over the weighted document fields, any term matching (OR), best first. */
  bm25(terms: readonly string[], filter: RowFilter, depth: number): Hit[] {
    const tokens = this.informative([...new Set(terms.flatMap((t) => analyze(t)))]);
    if (tokens.length === 0) return [];
    return this.match(`(${tokens.map(quote).join(' OR ')})`, filter, depth);
  }

  /**
   * Partial words: terms neither the ontology nor the estate knows (`ledg`, `paym`, `chec`) are
   * taken as prefixes (`ledg*`). Typos were already corrected towards known words by the
   * corrector; this list catches what is typed half-way. Undefined when no term needs it.
   */
  fuzzy(
    terms: readonly string[],
    filter: RowFilter,
    depth: number,
    corrector: VocabularyCorrector,
  ): Hit[] | undefined {
    const tokens = [...new Set(terms.flatMap((t) => analyze(t)))];
    const partial = tokens.filter((t) => t.length >= MIN_PREFIX && /[a-z]/.test(t) && !corrector.isKnown(t));
    if (partial.length === 0) return undefined;
    const parts = partial.map((t) => `${quote(t)}*`);
    return this.match(`(${parts.join(' OR ')})`, filter, depth);
  }

  /** Nearest resource vectors to the query's, by cosine; score = cosine similarity. */
  vector(query: Float32Array, filter: RowFilter, depth: number): Hit[] {
    const facets = facetExpression(filter);
    if (facets === null) return [];
    const restrict = facets
      ? ' AND rowid IN (SELECT rowid FROM resource_search WHERE resource_search MATCH ?)'
      : '';
    const rows = this.db
      .prepare(
        `SELECT rowid, distance FROM resource_vectors WHERE embedding MATCH vec_int8(?) AND k = ?${restrict}`,
      )
      .all(Buffer.from(quantizeInt8(query).buffer), depth, ...(facets ? [facets] : [])) as {
      rowid: number;
      distance: number;
    }[];
    // Nearest is not the same as near: hits far below the best say nothing about the query.
    const hits = rows.map((r) => ({ id: r.rowid, score: 1 - r.distance }));
    const floor = Math.max(0, (hits[0]?.score ?? 0) * VECTOR_RELATIVE_FLOOR);
    return hits.filter((h) => h.score > floor);
  }

  /**
   * Candidate rows for the filter, lazily in reads of 200: from the facet postings when the
   * filter pushes anything down — those satisfying one of `preferred` (the boosts that are
   * facets) first — else every live row in rowid order. The caller stops when it has enough.
   */
  *candidates(filter: RowFilter, preferred: readonly RowFilter[] = []): Generator<LightRow> {
    const facets = facetExpression(filter);
    if (facets === null) return;
    if (!facets) {
      const page = this.db.prepare(
        `SELECT ${LIGHT_COLUMNS} FROM resources WHERE removed_at IS NULL AND rowid > ? ORDER BY rowid LIMIT ${ROWS_PER_READ}`,
      );
      for (
        let rows = page.all(0) as LightRow[];
        rows.length > 0;
        rows = page.all(rows.at(-1)!.rowid) as LightRow[]
      ) {
        yield* rows;
      }
      return;
    }
    const boosts = preferred.map(facetExpression).filter((e): e is string => Boolean(e));
    const either = boosts.length > 0 ? `(${boosts.map((b) => `(${b})`).join(' OR ')})` : '';
    const queries = either ? [`${facets} AND ${either}`, `${facets} NOT ${either}`] : [facets];
    const byRowid = this.db.prepare(
      `SELECT ${LIGHT_COLUMNS} FROM resources WHERE rowid IN (SELECT value FROM json_each(?)) AND removed_at IS NULL ORDER BY rowid`,
    );
    for (const expression of queries) {
      const rowids = (
        this.db
          .prepare('SELECT rowid FROM resource_search WHERE resource_search MATCH ? ORDER BY rowid')
          .all(expression) as {
          rowid: number;
        }[]
      ).map((r) => r.rowid);
      for (let i = 0; i < rowids.length; i += ROWS_PER_READ) {
        yield* byRowid.all(JSON.stringify(rowids.slice(i, i + ROWS_PER_READ))) as LightRow[];
      }
    }
  }

  /** A candidate's attributes and relationships, read when first needed. */
  heavyColumns(rowid: number): { attributes: string; relationships: string } {
    this.heavy ??= this.db.prepare('SELECT attributes, relationships FROM resources WHERE rowid = ?');
    return this.heavy.get(rowid) as { attributes: string; relationships: string };
  }

  /** The words of the estate's names and tags, for the typo corrector. */
  estateWords(): string[] {
    return (
      this.db
        .prepare("SELECT DISTINCT term FROM temp.resource_search_terms WHERE col IN ('name', 'tags')")
        .all() as {
        term: string;
      }[]
    ).map((r) => r.term);
  }

  /** The tokens worth a BM25 lookup: the rarest one at least, and every one below MAX_DOCUMENT_SHARE. */
  private informative(tokens: readonly string[]): string[] {
    if (tokens.length <= 1) return [...tokens];
    this.documents ??= (
      this.db.prepare('SELECT count(*) AS n FROM resource_search_docsize').get() as { n: number }
    ).n;
    const lookup = this.db.prepare('SELECT doc FROM temp.resource_search_rows WHERE term = ?');
    const frequency = (token: string): number => {
      let df = this.documentFrequency.get(token);
      if (df === undefined) {
        df = (lookup.get(token) as { doc: number } | undefined)?.doc ?? 0;
        this.documentFrequency.set(token, df);
      }
      return df;
    };
    // A term no document has matches nothing: it cannot stand in for the common ones.
    const present = tokens.filter((t) => frequency(t) > 0);
    if (present.length === 0) return [...tokens];
    const kept = present.filter((t) => frequency(t) <= this.documents! * MAX_DOCUMENT_SHARE);
    if (kept.length > 0) return kept;
    return [[...present].sort((a, b) => frequency(a) - frequency(b))[0]!];
  }

  private match(expression: string, filter: RowFilter, depth: number): Hit[] {
    const facets = facetExpression(filter);
    if (facets === null) return [];
    const rows = this.db
      .prepare(
        `SELECT rowid, bm25(resource_search, ${BM25_WEIGHTS}) AS rank FROM resource_search
         WHERE resource_search MATCH ? ORDER BY rank LIMIT ?`,
      )
      .all(facets ? `${expression} AND ${facets}` : expression, depth) as { rowid: number; rank: number }[];
    // FTS5's bm25() is negative, lower better; a list score reads better positive.
    return rows.map((r) => ({ id: r.rowid, score: -r.rank }));
  }
}

/**
 * The pushed-down constraints as an FTS5 expression over the facets column
 * (`facets : (tdatabaseinstance) AND facets : (eprod)`); '' when there are none, null when a
 * constraint admits nothing (an empty intersection).
 */
export function facetExpression(filter: RowFilter): string | null {
  const parts: string[] = [];
  for (const facet of FACETS) {
    const values = filter[facet];
    if (values === undefined) continue;
    if (values.length === 0) return null;
    parts.push(`facets : (${[...new Set(values.map((v) => facetToken(facet, v)))].map(quote).join(' OR ')})`);
  }
  for (const flag of filter.flags ?? []) parts.push(`facets : ${quote(flagToken(flag))}`);
  return parts.join(' AND ');
}

function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}
