import type { Migration } from './migration.ts';

/**
 * Drops the trigram index of names and tag values (`resources_fts`, migration 1). Since the
 * search index (migration 4) it served one thing — resolving what a user typed in `escher graph`
 * and `escher history` — which the search index does as well (words, prefixes, typos corrected
 * towards the estate's words; `Store.searchText`). Keeping both cost every first sync a fifth of
 * its ingest time (about 20 trigram postings per resource, written inside each scope's
 * transaction) and ~150 bytes per resource.
 */
export const dropTrigramIndexMigration: Migration = {
  version: 11,
  name: 'drop-trigram-index',
  up(db) {
    db.exec('DROP TABLE IF EXISTS resources_fts');
  },
};
