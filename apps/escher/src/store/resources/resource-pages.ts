import type { Resource } from '@escher/protocol';
import { UserError } from '@escher/protocol';
import type { SqliteDatabase, SqliteStatement } from '../database/sqlite.ts';
import type { ResourceFilter } from '../store.types.ts';
import { LIST_ORDER, whereOf } from './resource-query.ts';
import { RESOURCE_SELECT_COLUMNS, rowToResource, type ResourceRow } from './resource-row.ts';

/** One keyset page of a resource listing. */
export interface ResourcePage {
  resources: Resource[];
  /** Pass as `after` for the next page; absent on the last one. */
  next?: string;
}

/** A listing read a page at a time: how many resources it holds, and the pages. */
export interface ResourceChunks {
  count: number;
  pages: Generator<Resource[]>;
}

/** Where a page starts: just after this (type, name, id) in the listing's order. */
type Position = [type: string, name: string, id: string];

/**
 * Reads resource listings in pieces, so that what is held in memory at once is one page, not
 * the estate (a daemon answering `GET /resources` at 100k resources held ~700 MB with `all()`).
 * Nothing here keeps a statement open between pieces: the connection stays free for the
 * writes (a sync, the search index) that may come in between.
 */
export class ResourcePages {
  private readonly rowsOf: SqliteStatement<[string], ResourceRow>;

  constructor(private readonly db: SqliteDatabase) {
    this.rowsOf = db.prepare(
      `SELECT ${RESOURCE_SELECT_COLUMNS} FROM resources WHERE rowid IN (SELECT value FROM json_each(?))`,
    );
  }

  /**
   * The resources `listResources(filter)` would return (`offset` and `limit` included), in the
   * same order, read `pageSize` at a time. Which resources, and so `count`, is fixed when this is called, as
   * rowids (8 bytes a resource); each page then reads its rows by rowid as the caller takes it.
   * Rows are never deleted, so a resource removed meanwhile is still listed, as last known.
   */
  chunks(filter: ResourceFilter, pageSize: number): ResourceChunks {
    const { where, params } = whereOf(filter);
    const all = this.db
      .prepare(`SELECT r.rowid FROM resources r WHERE ${where} ORDER BY ${LIST_ORDER}`)
      .pluck()
      .all(...params) as number[];
    const from = filter.offset ?? 0;
    const rowids = all.slice(from, filter.limit === undefined ? undefined : from + filter.limit);
    const rowsOf = this.rowsOf;
    function* pages(): Generator<Resource[]> {
      for (let at = 0; at < rowids.length; at += pageSize) {
        const ids = rowids.slice(at, at + pageSize);
        const rows = new Map(rowsOf.all(JSON.stringify(ids)).map((row) => [row.rowid, row]));
        yield ids.flatMap((id) => {
          const row = rows.get(id);
          return row ? [rowToResource(row)] : [];
        });
      }
    }
    return { count: rowids.length, pages: pages() };
  }

  /**
   * One page of `limit` resources matching `filter`, starting after the cursor `after` (a
   * previous page's `next`). Keyset, not offset: a page costs the same wherever it is, and
   * resources added or removed between pages shift nothing.
   */
  page(filter: ResourceFilter, limit: number, after?: string): ResourcePage {
    const { where, params } = whereOf(filter);
    let clause = where;
    if (after !== undefined) {
      clause += ' AND (r.type, r.name, r.id) > (?, ?, ?)';
      params.push(...decodeCursor(after));
    }
    const rows = this.db
      .prepare(
        `SELECT ${RESOURCE_SELECT_COLUMNS} FROM resources r WHERE ${clause} ORDER BY ${LIST_ORDER} LIMIT ?`,
      )
      .all(...params, limit + 1) as ResourceRow[];
    const more = rows.length > limit;
    const resources = rows.slice(0, limit).map(rowToResource);
    const last = resources.at(-1);
    return more && last ? { resources, next: encodeCursor([last.type, last.name, last.id]) } : { resources };
  }
}

/** Opaque to clients: base64url of the last position's JSON. */
export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 3 && value.every((v) => typeof v === 'string')) {
      return value as Position;
    }
  } catch {
    // Reported below, as any other cursor that is not ours.
  }
  throw new UserError('invalid-cursor', `'${cursor}' is not a page cursor.`, {
    hint: "Pass the 'next' value of the previous page as 'after', unchanged",
  });
}
