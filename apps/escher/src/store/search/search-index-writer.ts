import {
  analyze,
  ATTRIBUTE_FLAGS,
  DOCUMENT_FIELDS,
  hasFlag,
  type AttributeFlag,
  documentText,
  isSyncEmbeddingProvider,
  quantizeInt8,
  resourceDocument,
  type EmbeddingProvider,
  type ResourceDocument,
} from '@escher/knowledge';
import type { Resource } from '@escher/protocol';
import type { SqliteDatabase, SqliteStatement } from '../database/sqlite.ts';
import { RESOURCE_SELECT_COLUMNS, rowToResource, type ResourceRow } from '../resources/resource-row.ts';

/**
 * Version of what goes into the index (document fields, analysis, embedding text). Bump it when
 * any of them changes: the next open rebuilds the index.
 */
export const SEARCH_DOCUMENT_VERSION = '1';

/** What one refresh did. */
export interface RefreshResult {
  /** Resources (re)indexed or dropped from the index. */
  touched: number;
  /** True when the whole index was rebuilt (first open, new document version or embedder). */
  rebuilt: boolean;
  /** True when changes are left for the next refresh (it was given a `maxChanges`). */
  pending: boolean;
}

/**
 * The FTS5 column values of a resource: each document field's analysed words, each word once per
 * field (`POSTGRES_15` beside `postgres` must not count twice: a field says what a resource is,
 * not how often).
 */
export function searchColumns(document: ResourceDocument): string[] {
  return DOCUMENT_FIELDS.map((field) => [...new Set(analyze(document.fields[field]))].join(' '));
}

/** The structured values a filter's pushdown constrains, in the order of FACET_PREFIXES. */
export const FACETS = ['type', 'cloud', 'region', 'environment', 'state'] as const;
export type Facet = (typeof FACETS)[number];
const FACET_PREFIXES: Readonly<Record<Facet, string>> = {
  type: 't',
  cloud: 'c',
  region: 'r',
  environment: 'e',
  state: 's',
};

/**
 * The token of one structured value in the `facets` column: a one-letter field prefix and the
 * value's letters and digits (`type=database.instance` → `tdatabaseinstance`), which the FTS
 * tokenizer keeps whole.
 */
export function facetToken(facet: Facet, value: string): string {
  return FACET_PREFIXES[facet] + value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The facet token of an attribute flag the resource has (`is:unencrypted` → `funencrypted`). */
export function flagToken(flag: AttributeFlag): string {
  return `f${flag.replace(/[^a-z0-9]/g, '')}`;
}

/** The `facets` column of a resource: its structured values and the attribute flags it has. */
export function facetColumn(resource: Resource): string {
  const tokens = FACETS.flatMap((facet) => {
    const value = resource[facet];
    return value ? [facetToken(facet, value)] : [];
  });
  for (const flag of ATTRIBUTE_FLAGS) if (hasFlag(resource, flag)) tokens.push(flagToken(flag));
  return tokens.join(' ');
}

/** The text the built-in embedder embeds for a resource: its whole document. */
export function embeddingText(document: ResourceDocument): string {
  return documentText(document);
}

/**
 * Keeps the search index (`resource_search`, `resource_vectors`) in step with `resources`
 * without the scope writer knowing about it: every write to a resource leaves a row in
 * `resource_changes`, and `refresh()` re-indexes the resources changed since its watermark.
 * A sync calls it once at the end; a search calls it first (nothing to do is one indexed read).
 *
 * Entries are written in ascending rowid order: FTS5 buffers a transaction's postings only while
 * rowids ascend, and flushes a segment per row otherwise (~20× slower).
 */
export class SearchIndexWriter {
  private readonly readState: SqliteStatement<[string], { value: string }>;
  private readonly writeState: SqliteStatement<[string, string]>;
  private readonly maxChange: SqliteStatement<[], { max: number }>;
  private readonly changedSince: SqliteStatement<[number, number], { rowid: number; kind: string }>;
  private readonly rowById: SqliteStatement<[number], ResourceRow>;
  private readonly liveRowsAfter: SqliteStatement<[number], ResourceRow>;
  private readonly ftsInsert: SqliteStatement<unknown[]>;
  private readonly ftsDelete: SqliteStatement<[number]>;
  private readonly vectorInsert: SqliteStatement<[bigint, Buffer]>;
  private readonly vectorDelete: SqliteStatement<[number]>;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly embedder: EmbeddingProvider | undefined,
  ) {
    this.readState = db.prepare('SELECT value FROM search_index_state WHERE key = ?');
    this.writeState = db.prepare('INSERT OR REPLACE INTO search_index_state (key, value) VALUES (?, ?)');
    this.maxChange = db.prepare('SELECT coalesce(max(id), 0) AS max FROM resource_changes');
    // Each changed resource once, with the kind of its first change in the range (SQLite takes
    // a bare column from the row that min() picked).
    this.changedSince = db.prepare(
      `SELECT resource_rowid AS rowid, kind, min(id) FROM resource_changes WHERE id > ? AND id <= ?
       GROUP BY resource_rowid ORDER BY resource_rowid`,
    );
    this.rowById = db.prepare(`SELECT ${RESOURCE_SELECT_COLUMNS} FROM resources WHERE rowid = ?`);
    this.liveRowsAfter = db.prepare(
      `SELECT ${RESOURCE_SELECT_COLUMNS} FROM resources WHERE removed_at IS NULL AND rowid > ? ORDER BY rowid LIMIT 1000`,
    );
    const columns = [...DOCUMENT_FIELDS, 'facets'];
    this.ftsInsert = db.prepare(
      `INSERT INTO resource_search (rowid, ${columns.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`,
    );
    this.ftsDelete = db.prepare('DELETE FROM resource_search WHERE rowid = ?');
    this.vectorInsert = db.prepare('INSERT INTO resource_vectors (rowid, embedding) VALUES (?, vec_int8(?))');
    this.vectorDelete = db.prepare('DELETE FROM resource_vectors WHERE rowid = ?');
  }

  /** The id of the embedder whose vectors the index holds ('none' without one). */
  get embedderId(): string {
    return this.embedder ? this.embedder.id : 'none';
  }

  /**
   * Catches the index up with every resource change (or rebuilds it when its recipe changed).
   * With `maxChanges`, only that many changes (oldest first), so a sync can index what it has
   * written in short steps while it still waits on the clouds, rather than all at its end.
   */
  refresh(maxChanges = Number.POSITIVE_INFINITY): RefreshResult {
    const run = this.db.transaction((): RefreshResult => {
      const latest = this.maxChange.get()?.max ?? 0;
      if (
        this.state('document_version') !== SEARCH_DOCUMENT_VERSION ||
        this.state('embedder') !== this.embedderId
      ) {
        return { touched: this.rebuild(latest), rebuilt: true, pending: false };
      }
      const from = Number(this.state('change_watermark') ?? '0');
      if (from >= latest) return { touched: 0, rebuilt: false, pending: false };
      const upTo = Math.min(latest, from + maxChanges);
      let touched = 0;
      for (const { rowid, kind } of this.changedSince.all(from, upTo)) {
        // The index holds what was live at the watermark: a resource whose first change since
        // is its addition is not in it, and looking it up to delete it is most of the cost of
        // indexing a first sync.
        if (kind !== 'added') this.remove(rowid);
        const row = this.rowById.get(rowid);
        if (row && row.removed_at === null) this.add(rowid, rowToResource(row));
        touched += 1;
      }
      this.writeState.run('change_watermark', String(upTo));
      return { touched, rebuilt: false, pending: upTo < latest };
    });
    return run.immediate();
  }

  /**
   * Indexes one row afresh, whatever the index holds for it. For a removal taken back within a
   * sync (a resource moving to another scope): an index step may already have dropped the row at
   * that removal, and with the removal no longer recorded no later refresh would bring it back.
   */
  reindex(rowid: number): void {
    this.remove(rowid);
    const row = this.rowById.get(rowid);
    if (row && row.removed_at === null) this.add(rowid, rowToResource(row));
  }

  private rebuild(upTo: number): number {
    this.db.exec('DELETE FROM resource_search');
    this.resetVectors();
    let count = 0;
    // In pages: a connection cannot write while a statement of it is still iterating.
    for (
      let after = 0, page = this.liveRowsAfter.all(0);
      page.length > 0;
      page = this.liveRowsAfter.all(after)
    ) {
      for (const row of page) this.add(row.rowid, rowToResource(row));
      count += page.length;
      after = page[page.length - 1]!.rowid;
    }
    this.writeState.run('document_version', SEARCH_DOCUMENT_VERSION);
    this.writeState.run('embedder', this.embedderId);
    this.writeState.run('change_watermark', String(upTo));
    return count;
  }

  /** Empties the vector table, recreating it when the embedder's dimensions differ. */
  private resetVectors(): void {
    const dimensions = this.embedder?.dimensions;
    const stored = this.state('vector_dimensions');
    if (dimensions !== undefined && stored !== String(dimensions)) {
      this.db.exec('DROP TABLE IF EXISTS resource_vectors');
      this.db.exec(
        `CREATE VIRTUAL TABLE resource_vectors USING vec0 (embedding int8[${dimensions}] distance_metric=cosine)`,
      );
      this.writeState.run('vector_dimensions', String(dimensions));
    } else {
      this.db.exec('DELETE FROM resource_vectors');
    }
  }

  private add(rowid: number, resource: Resource): void {
    const document = resourceDocument(resource);
    this.ftsInsert.run(rowid, ...searchColumns(document), facetColumn(resource));
    // A provider that must wait (an HTTP endpoint) cannot embed inside this transaction: the
    // search engine fills its vectors afterwards (SearchEngine.fillVectors).
    if (this.embedder && isSyncEmbeddingProvider(this.embedder)) {
      const [vector] = this.embedder.embedSync([embeddingText(document)], 'document');
      if (vector) this.vectorInsert.run(BigInt(rowid), Buffer.from(quantizeInt8(vector).buffer));
    }
  }

  private remove(rowid: number): void {
    this.ftsDelete.run(rowid);
    // Without an embedder the vector table is kept empty (rebuild empties it).
    if (this.embedder) this.vectorDelete.run(rowid);
  }

  private state(key: string): string | undefined {
    return this.readState.get(key)?.value;
  }
}
