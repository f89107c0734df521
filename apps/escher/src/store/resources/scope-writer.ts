import type { Resource } from '@escher/protocol';
import { UnexpectedError } from '@escher/protocol';
import type { Clock } from '../clock.ts';
import type { SqliteDatabase } from '../database/sqlite.ts';
import type { ScopeResult, StoreScope } from '../store.types.ts';
import { diffResources } from './resource-diff.ts';
import { contentValues, rowToResource, sameContent, type ResourceRow } from './resource-row.ts';
import { ScopeStatements } from './scope-statements.ts';

/** The state of one `replace` call, shared by its steps. */
interface Pass {
  scope: StoreScope;
  scopeId: number;
  syncId: number;
  now: number;
  result: ScopeResult;
}

/**
 * Writes one scope's listing as a single transaction: upserts what was listed, soft-deletes what
 * the scope owned and no longer lists, and records the change set. A scope is an ownership key
 * (`scopes` row), not a property of the resources: it may list resources of any account and
 * region of its cloud, and a resource another scope owned moves to it. Statements are prepared
 * once; unchanged resources (the common case on a re-sync) cost one string comparison per column
 * and no write.
 */
export class ScopeWriter {
  private readonly sql: ScopeStatements;

  /**
   * @param removalTakenBack called (inside the scope's transaction, after the row is written)
   * for each resource whose removal earlier in the same sync is taken back because another scope
   * lists it: the search index may already have dropped it (`SearchIndexWriter.reindex`).
   */
  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
    private readonly removalTakenBack: (rowid: number) => void = () => {},
  ) {
    this.sql = new ScopeStatements(db);
  }

  /** See `Store.replaceScope`. The caller has checked that `syncId` is running. */
  replace(scope: StoreScope, resources: Iterable<Resource>, syncId: number): ScopeResult {
    const run = this.db.transaction(() => this.replaceInTransaction(scope, resources, syncId));
    return run.immediate();
  }

  /** Records a scope that could not be listed; its resources stay as they were. */
  fail(scope: StoreScope, syncId: number, error: { code: string; message: string }): void {
    this.sql.recordScope.run(
      syncId,
      scope.cloud,
      scope.account,
      scope.region,
      scope.service,
      'failed',
      0,
      0,
      0,
      0,
      error.code,
      error.message,
      this.clock.now(),
    );
  }

  private replaceInTransaction(
    scope: StoreScope,
    resources: Iterable<Resource>,
    syncId: number,
  ): ScopeResult {
    const { sql } = this;
    const now = this.clock.now();
    const scopeValues = [scope.cloud, scope.account, scope.region, scope.service] as const;
    sql.insertScope.run(...scopeValues);
    const scopeId = sql.scopeId.get(...scopeValues)?.id;
    if (scopeId === undefined) {
      throw new UnexpectedError('store-scope-vanished', `Scope ${scopeValues.join('/')} cannot be read.`);
    }
    const existing = new Map<string, ResourceRow>();
    for (const row of sql.selectScope.all(scopeId)) existing.set(row.id, row);
    // New rows get rowids above this, so their change records are written with one statement
    // after the loop.
    const firstNew = sql.maxRowid.get()?.max ?? 0;
    const pass: Pass = {
      scope,
      scopeId,
      syncId,
      now,
      result: { resources: 0, added: 0, changed: 0, removed: 0, unchanged: 0, duplicates: 0, moved: 0 },
    };
    const { result } = pass;

    const seen = new Set<string>();
    for (const resource of resources) {
      if (resource.cloud !== scope.cloud) {
        throw new UnexpectedError(
          'store-scope-cloud-mismatch',
          `Resource ${resource.id} is on ${resource.cloud}, but scope ${scopeValues.join('/')} is on ${scope.cloud}.`,
        );
      }
      if (seen.has(resource.id)) {
        result.duplicates += 1;
        continue;
      }
      seen.add(resource.id);
      const values = contentValues(resource);
      const known = existing.get(resource.id);
      if (known === undefined) {
        const info = sql.insert.run(resource.id, scopeId, ...values, now, now);
        if (info.changes === 1) {
          result.added += 1;
          continue;
        }
        // Another scope owns it (or did, until it vanished there).
        const row = sql.selectById.get(resource.id);
        if (row === undefined) {
          throw new UnexpectedError(
            'store-resource-vanished',
            `Resource ${resource.id} conflicted but cannot be read.`,
          );
        }
        this.adopt(pass, row, resource, values);
        continue;
      }
      if (known.removed_at !== null) {
        this.readd(pass, known, values);
        continue;
      }
      if (sameContent(known, values)) {
        result.unchanged += 1;
        continue;
      }
      this.update(pass, known, resource, values);
    }

    for (const [id, row] of existing) {
      if (seen.has(id) || row.removed_at !== null) continue;
      sql.markRemoved.run(now, now, row.rowid);
      sql.vectorDelete.run(row.rowid);
      sql.recordChange.run(syncId, row.rowid, 'removed', now, null);
      result.removed += 1;
    }

    sql.recordAddedFrom.run(syncId, now, firstNew);
    if (result.added > 0) sql.insertEdgesFrom.run(firstNew);

    result.resources = seen.size;
    sql.recordScope.run(
      syncId,
      ...scopeValues,
      'ok',
      result.resources,
      result.added,
      result.changed,
      result.removed,
      null,
      null,
      now,
    );
    return result;
  }

  /** A live resource of this scope whose content changed: update it and record the diff. */
  private update(pass: Pass, row: ResourceRow, resource: Resource, values: ContentTuple): void {
    const { sql } = this;
    sql.update.run(pass.scopeId, ...values, pass.now, row.rowid);
    const changes = diffResources(rowToResource(row), resource);
    if (changes.length === 0) {
      // Only key order moved: nothing a user would call a change.
      pass.result.unchanged += 1;
      return;
    }
    sql.recordChange.run(pass.syncId, row.rowid, 'changed', pass.now, JSON.stringify(changes));
    pass.result.changed += 1;
  }

  /** A resource this scope or another had marked removed is listed again: it is added back. */
  private readd(pass: Pass, row: ResourceRow, values: ContentTuple): void {
    this.sql.update.run(pass.scopeId, ...values, pass.now, row.rowid);
    this.sql.recordChange.run(pass.syncId, row.rowid, 'added', pass.now, null);
    pass.result.added += 1;
  }

  /**
   * A resource owned by another scope is listed here: it moves to this scope and counts as
   * changed only if its content changed. When the other scope marked it removed earlier in this
   * very sync, that removal is taken back, so a move is never reported as removed and added.
   */
  private adopt(pass: Pass, row: ResourceRow, resource: Resource, values: ContentTuple): void {
    const { sql } = this;
    pass.result.moved += 1;
    if (row.removed_at === null) {
      this.update(pass, row, resource, values);
      return;
    }
    if (sql.unrecordRemoval.run(pass.syncId, row.rowid).changes === 0) {
      this.readd(pass, row, values);
      return;
    }
    sql.uncountRemoval.run(pass.syncId, row.scope_id);
    sql.update.run(pass.scopeId, ...values, pass.now, row.rowid);
    this.removalTakenBack(row.rowid);
    const changes = diffResources(rowToResource(row), resource);
    if (changes.length === 0) {
      pass.result.unchanged += 1;
      return;
    }
    sql.recordChange.run(pass.syncId, row.rowid, 'changed', pass.now, JSON.stringify(changes));
    pass.result.changed += 1;
  }
}

type ContentTuple = ReturnType<typeof contentValues>;
