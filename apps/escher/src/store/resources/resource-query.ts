import type { Resource } from '@escher/protocol';
import { UserError } from '@escher/protocol';
import type { SqliteDatabase, SqliteStatement } from '../database/sqlite.ts';
import type {
  ChangeKind,
  FieldChange,
  ResourceChange,
  ResourceFilter,
  TextHit,
  TimeInput,
} from '../store.types.ts';
import { toEpochMs, toIso } from '../time.ts';
import { RESOURCE_SELECT_COLUMNS, rowToResource, type ResourceRow } from './resource-row.ts';

interface ChangeRow {
  resource_id: string;
  sync_id: number;
  kind: ChangeKind;
  at: number;
  diff: string | null;
}

const LIST_COLUMNS: readonly (keyof ResourceFilter & string)[] = [
  'type',
  'cloud',
  'account',
  'region',
  'environment',
  'state',
];

/** Read side of the estate inventory: filters, history, change feeds and name lookups. */
export class ResourceQueries {
  private readonly byId: SqliteStatement<[string], ResourceRow>;
  private readonly historyOf: SqliteStatement<[string], ChangeRow>;
  private readonly changesFrom: SqliteStatement<[number], ChangeRow>;
  private readonly nameLike: SqliteStatement<[string, number], ResourceRow>;

  constructor(private readonly db: SqliteDatabase) {
    this.byId = db.prepare(
      `SELECT ${RESOURCE_SELECT_COLUMNS} FROM resources WHERE id = ? AND removed_at IS NULL`,
    );
    const changeColumns = 'r.id AS resource_id, c.sync_id, c.kind, c.at, c.diff';
    this.historyOf = db.prepare(
      `SELECT ${changeColumns} FROM resource_changes c JOIN resources r ON r.rowid = c.resource_rowid
       WHERE r.id = ? ORDER BY c.at, c.id`,
    );
    this.changesFrom = db.prepare(
      `SELECT ${changeColumns} FROM resource_changes c JOIN resources r ON r.rowid = c.resource_rowid
       WHERE c.at >= ? ORDER BY c.at, c.id`,
    );
    this.nameLike = db.prepare(
      `SELECT ${RESOURCE_SELECT_COLUMNS} FROM resources
       WHERE removed_at IS NULL AND name LIKE '%' || ? || '%' ESCAPE '\\' ORDER BY name LIMIT ?`,
    );
  }

  get(id: string): Resource | undefined {
    const row = this.byId.get(id);
    return row && rowToResource(row);
  }

  list(filter: ResourceFilter): Resource[] {
    const { where, params } = whereOf(filter);
    let sql = `SELECT ${RESOURCE_SELECT_COLUMNS} FROM resources r
      WHERE ${where} ORDER BY ${LIST_ORDER}`;
    if (filter.limit !== undefined || filter.offset !== undefined) {
      sql += ' LIMIT ? OFFSET ?';
      params.push(
        nonNegative('limit', filter.limit ?? -1, true),
        nonNegative('offset', filter.offset ?? 0, false),
      );
    }
    return (this.db.prepare(sql).all(...params) as ResourceRow[]).map(rowToResource);
  }

  history(id: string): ResourceChange[] {
    return this.historyOf.all(id).map(toChange);
  }

  changesSince(time: TimeInput): ResourceChange[] {
    return this.changesFrom.all(toEpochMs(time)).map(toChange);
  }

  /**
   * Live resources whose name contains `text` (case-insensitive for ASCII), by name: the last
   * resort of resolving what a user typed, when the search index finds no word of it.
   */
  namesContaining(text: string, limit: number): TextHit[] {
    const needle = text.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
    if (!needle) return [];
    return this.nameLike.all(needle, limit).map((row) => ({ rank: 0, resource: rowToResource(row) }));
  }
}

/** The order of every resource listing: type, name, id (all NOT NULL, so row values compare). */
export const LIST_ORDER = 'r.type, r.name, r.id';

/**
 * The WHERE clause (over `resources r`) of a resource filter and its parameters; `limit` and
 * `offset` are the caller's.
 */
export function whereOf(filter: ResourceFilter): { where: string; params: unknown[] } {
  const where: string[] = ['r.removed_at IS NULL'];
  const params: unknown[] = [];
  for (const column of LIST_COLUMNS) {
    const value = filter[column] as string | readonly string[] | undefined;
    if (value === undefined) continue;
    if (typeof value === 'string') {
      where.push(`r.${column} = ?`);
      params.push(value);
    } else {
      where.push(`r.${column} IN (SELECT value FROM json_each(?))`);
      params.push(JSON.stringify(value));
    }
  }
  for (const [key, value] of Object.entries(filter.tags ?? {})) {
    if (value === '*') {
      where.push('EXISTS (SELECT 1 FROM json_each(r.tags) t WHERE t.key = ?)');
      params.push(key);
    } else {
      where.push('EXISTS (SELECT 1 FROM json_each(r.tags) t WHERE t.key = ? AND t.value = ?)');
      params.push(key, value);
    }
  }
  if (filter.ids !== undefined) {
    where.push('r.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.ids));
  }
  if (filter.changedSince !== undefined) {
    where.push(
      "r.rowid IN (SELECT resource_rowid FROM resource_changes WHERE at >= ? AND kind IN ('added', 'changed'))",
    );
    params.push(toEpochMs(filter.changedSince));
  }
  return { where: where.join(' AND '), params };
}

function toChange(row: ChangeRow): ResourceChange {
  const change: ResourceChange = {
    resourceId: row.resource_id,
    syncId: row.sync_id,
    kind: row.kind,
    at: toIso(row.at),
  };
  if (row.diff !== null) change.changes = JSON.parse(row.diff) as FieldChange[];
  return change;
}

function nonNegative(name: string, value: number, allowUnbounded: boolean): number {
  if (Number.isInteger(value) && (value >= 0 || (allowUnbounded && value === -1))) return value;
  throw new UserError('invalid-filter', `${name} must be a non-negative integer, got ${value}.`);
}
