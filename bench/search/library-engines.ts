// Fuse.js, MiniSearch and Orama indexing exactly the documents Escher indexes (resourceDocument),
// each in the configurations their documentation recommends for this kind of search (fuzzy on,
// field boosts). Every library gets the same weighted fields and the raw query text: none of them
// has a filter language or an ontology, which is the comparison.
import { create, insertMultiple, search as oramaSearch, type AnyOrama } from '@orama/orama';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';

/** One weighted text field of a resource's document. */
export interface WeightedField {
  name: string;
  text: string;
  weight: number;
}

/** What every engine indexes: an id and the same weighted fields. */
export interface IndexedDocument {
  id: string;
  fields: readonly WeightedField[];
}

/** A search engine under comparison. */
export interface ComparedEngine {
  /** Shown in tables: library, version and the configuration used. */
  name: string;
  build(documents: readonly IndexedDocument[]): Promise<void>;
  /** Ids, best first. */
  search(query: string, limit: number): Promise<string[]>;
}

export const LIBRARY_VERSIONS = { fuse: '7.5.0', minisearch: '7.2.0', orama: '3.1.18' } as const;

type Row = Record<string, string> & { id: string };

function toRows(documents: readonly IndexedDocument[]): { rows: Row[]; weights: Record<string, number> } {
  const weights: Record<string, number> = {};
  const rows = documents.map((doc) => {
    const row: Row = { id: doc.id };
    for (const field of doc.fields) {
      weights[field.name] = field.weight;
      row[field.name] = row[field.name] ? `${row[field.name]} ${field.text}` : field.text;
    }
    return row;
  });
  // Every row has every field, so each library sees one schema.
  for (const row of rows) for (const name of Object.keys(weights)) row[name] ??= '';
  return { rows, weights };
}

/**
 * Fuse.js. `tokens`: Fuse 7.5's token search (TF-IDF over words, each word matched fuzzily, OR),
 * which its docs recommend for multi-word queries; `pattern`: the classic whole-pattern Bitap
 * match. Both with `ignoreLocation` (our fields are long) and the field weights as key weights.
 */
export function fuseEngine(mode: 'tokens' | 'pattern'): ComparedEngine {
  let fuse: Fuse<Row> | undefined;
  return {
    name: `Fuse.js ${LIBRARY_VERSIONS.fuse} (${mode === 'tokens' ? 'useTokenSearch, threshold 0.4' : 'Bitap, threshold 0.4'})`,
    async build(documents) {
      const { rows, weights } = toRows(documents);
      fuse = new Fuse(rows, {
        keys: Object.entries(weights).map(([name, weight]) => ({ name, weight })),
        threshold: 0.4,
        ignoreLocation: true,
        ignoreDiacritics: true,
        includeScore: true,
        ...(mode === 'tokens' ? { useTokenSearch: true, tokenMatch: 'any' as const } : {}),
      });
    },
    async search(query, limit) {
      return (fuse?.search(query, { limit }) ?? []).map((hit) => hit.item.id);
    },
  };
}

/**
 * MiniSearch: BM25+ with per-field boosts, prefix search, fuzzy 0.2 (edit distance up to 20 % of
 * the term's length) — the configuration of its README's "search options" — combining terms with
 * OR (`or`) or AND (`and`).
 */
export function miniSearchEngine(combineWith: 'OR' | 'AND'): ComparedEngine {
  let mini: MiniSearch<Row> | undefined;
  return {
    name: `MiniSearch ${LIBRARY_VERSIONS.minisearch} (fuzzy 0.2, prefix, boosts, ${combineWith})`,
    async build(documents) {
      const { rows, weights } = toRows(documents);
      mini = new MiniSearch<Row>({
        fields: Object.keys(weights),
        idField: 'id',
        searchOptions: { boost: weights, fuzzy: 0.2, prefix: true, combineWith },
      });
      mini.addAll(rows);
    },
    async search(query, limit) {
      return (mini?.search(query) ?? []).slice(0, limit).map((hit) => String(hit.id));
    },
  };
}

/**
 * Orama: BM25 with per-property boosts and typo tolerance 1 (Levenshtein), the settings of its
 * docs' "typo tolerance" and "fields boosting" pages; `threshold` 1 returns documents matching any
 * term, 0 only those matching all.
 */
export function oramaEngine(threshold: 0 | 1): ComparedEngine {
  let db: AnyOrama | undefined;
  let boost: Record<string, number> = {};
  return {
    name: `Orama ${LIBRARY_VERSIONS.orama} (tolerance 1, boosts, threshold ${threshold})`,
    async build(documents) {
      const { rows, weights } = toRows(documents);
      boost = weights;
      const schema: Record<string, 'string'> = {};
      for (const name of Object.keys(weights)) schema[name] = 'string';
      db = create({ schema: { id: 'string', ...schema } });
      await insertMultiple(db, rows, 1_000);
    },
    async search(query, limit) {
      if (!db) return [];
      const result = await oramaSearch(db, {
        term: query,
        properties: Object.keys(boost),
        boost,
        tolerance: 1,
        threshold,
        limit,
      });
      return result.hits.map((hit) => String((hit.document as Row).id));
    },
  };
}

/** Every library configuration the relevance run measures; the best of each library is reported. */
export function libraryEngines(): ComparedEngine[] {
  return [
    fuseEngine('tokens'),
    fuseEngine('pattern'),
    miniSearchEngine('OR'),
    miniSearchEngine('AND'),
    oramaEngine(1),
    oramaEngine(0),
  ];
}
