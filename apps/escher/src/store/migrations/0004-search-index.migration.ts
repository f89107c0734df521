import type { Migration } from './migration.ts';

/** Dimensions of the resource vectors from migration 4 on: the built-in embedder's 256. */
export const SEARCH_VECTOR_DIMENSIONS = 256;

/**
 * The hybrid search index (docs/search.md): a weighted BM25 table over each resource's document,
 * its vectors, and the bookkeeping that keeps both in step with `resources`.
 *
 * - `resource_search`: FTS5 with one column per document field (`DOCUMENT_FIELDS` of
 *   @escher/knowledge, in that order), holding the field's analysed words, and `facets`: one
 *   token per structured value (`tserverlessfunction`, `eprod`, `caws`, `ruseast1`, `srunning`)
 *   that turns a filter's equality constraints into a posting-list lookup — `resources` has no
 *   index on those columns, and a scan of it costs ~50 ms at 100,000 rows. Contentless with
 *   `contentless_delete` (the text is derived from `resources`; an entry is dropped by rowid
 *   alone) and `detail=full`, because FTS5's bm25() needs term positions to count frequencies.
 * - `resource_vectors` is recreated at 256 int8 dimensions (the built-in embedder); a provider
 *   with other dimensions recreates it again (`search_index_state.vector_dimensions`).
 * - `search_index_state`: how far the index has caught up with `resource_changes`, and which
 *   document version and embedder built it. A mismatch rebuilds the index at the next open.
 *
 * The index is filled after this migration by the search index itself (the rebuild), not here:
 * building documents needs the ontology, which SQL does not have.
 */
export const searchIndexMigration: Migration = {
  version: 4,
  name: 'search-index',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE resource_search USING fts5 (
        name, type, service, engine, region, environment, cloud, state, tags, attributes, related, account, facets,
        tokenize = 'unicode61',
        content = '', contentless_delete = 1
      );

      DROP TABLE IF EXISTS resource_vectors;
      CREATE VIRTUAL TABLE resource_vectors USING vec0 (embedding int8[${SEARCH_VECTOR_DIMENSIONS}] distance_metric=cosine);

      CREATE TABLE search_index_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
