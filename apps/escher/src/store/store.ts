import { resolve } from 'node:path';
import type { EmbeddingProvider } from '@escher/knowledge';
import type { Resource } from '@escher/protocol';
import { UnexpectedError } from '@escher/protocol';
import type { Clock } from './clock.ts';
import { openEncryptedDatabase } from './database/open-database.ts';
import type { SqliteDatabase } from './database/sqlite.ts';
import { WalCheckpointer } from './database/wal-checkpointer.ts';
import type { KeySource, StoreKey } from './key/key-source.ts';
import { MIGRATIONS } from './migrations/all-migrations.ts';
import { runMigrations } from './migrations/run-migrations.ts';
import { EdgeQueries } from './resources/edge-query.ts';
import { ResourcePages, type ResourceChunks, type ResourcePage } from './resources/resource-pages.ts';
import { ResourceQueries } from './resources/resource-query.ts';
import { ScopeWriter } from './resources/scope-writer.ts';
import {
  DEFAULT_TUNING,
  SearchEngine,
  type SearchOptions,
  type SearchResponse,
  type SearchTuning,
} from './search/search-engine.ts';
import { SearchIndexWriter } from './search/search-index-writer.ts';
import { storeStats } from './stats.ts';
import type {
  ResourceChange,
  ResourceFilter,
  ScopeResult,
  StoreScope,
  StoreStats,
  SyncRecord,
  SyncSummary,
  TextHit,
  TimeInput,
} from './store.types.ts';
import { SyncLedger } from './sync/sync-ledger.ts';

/** What a store is built from; nothing is global. */
export interface StoreOptions {
  /** The database file, usually `$ESCHER_HOME/store.db`. */
  path: string;
  /** Where the encryption key comes from (`defaultKeySource` in production, `staticKeySource` in tests). */
  keySource: KeySource;
  clock: Clock;
  /**
   * Embeds resources and queries for the vector list of hybrid search (`resolveEmbedder` reads
   * the choice from the environment). None by default: on the relevance set the built-in
   * embedder adds nothing to BM25 over the ontology's documents (docs/search.md).
   */
  embedder?: EmbeddingProvider | null;
  /** Fusion constant, list depth and list weights of hybrid search (benchmarks and ablations). */
  searchTuning?: SearchTuning;
}

/**
 * Changes the search index takes per step while a sync runs: a step is one short transaction
 * (tens of ms), so calls waiting on the event loop are not held up behind it.
 */
const INDEX_STEP_CHANGES = 500;

interface OpenState {
  db: SqliteDatabase;
  /** Kept for the checkpoint worker's own connection (this process only, like the connection's). */
  key: StoreKey;
  /** Checkpoints the WAL from a worker thread while a sync runs. */
  checkpointer?: WalCheckpointer | undefined;
  writer: ScopeWriter;
  queries: ResourceQueries;
  pages: ResourcePages;
  syncs: SyncLedger;
  search: SearchEngine;
}

/**
 * Escher's local, encrypted store (SPEC section 2): one SQLite file encrypted as a whole with
 * AEGIS-256, in WAL mode, holding the estate inventory with its change history, chat
 * digests, executed operations, immutable reports, alerts and events, and user playbooks.
 *
 * Each sync scope is written in one transaction, so a crash mid-sync leaves every scope either
 * as the previous sync left it or fully replaced; a scope that failed keeps its old resources.
 *
 * @example
 * const store = new Store({ path, keySource: defaultKeySource({ home, env: process.env }), clock: systemClock });
 * await store.open();
 * const syncId = store.beginSync();
 * store.replaceScope({ cloud: 'aws', account: '123456789012', region: 'us-east-1', service: 'ec2' }, resources, syncId);
 * const summary = store.finishSync(syncId, { apiCalls: 12 });
 * store.close();
 */
export class Store {
  readonly path: string;
  private readonly keySource: KeySource;
  private readonly clock: Clock;
  private readonly embedder: EmbeddingProvider | undefined;
  private readonly searchTuning: SearchTuning;
  private state: OpenState | undefined;
  /** The next step of indexing what the running sync wrote, when one is scheduled. */
  private indexStep: NodeJS.Immediate | undefined;

  constructor(options: StoreOptions) {
    this.path = resolve(options.path);
    this.keySource = options.keySource;
    this.clock = options.clock;
    this.embedder = options.embedder ?? undefined;
    this.searchTuning = options.searchTuning ?? DEFAULT_TUNING;
  }

  /**
   * Opens (creating if needed) and migrates the store. Fails with `store-key-invalid` when the
   * key does not fit, `store-key-unavailable` when there is none, `store-schema-newer` when a
   * newer Escher wrote the file.
   */
  async open(): Promise<void> {
    if (this.state) return;
    const { db, key } = await openEncryptedDatabase(this.path, this.keySource);
    try {
      runMigrations(db, MIGRATIONS, this.clock);
      const indexWriter = new SearchIndexWriter(db, this.embedder);
      this.state = {
        db,
        key,
        writer: new ScopeWriter(db, this.clock, (rowid) => indexWriter.reindex(rowid)),
        queries: new ResourceQueries(db),
        pages: new ResourcePages(db),
        syncs: new SyncLedger(db, this.clock),
        search: new SearchEngine(db, indexWriter, this.embedder, this.searchTuning),
      };
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Closes the connection; the WAL is checkpointed into the main file. Safe to call twice. */
  close(): void {
    const state = this.state;
    this.state = undefined;
    this.cancelIndexStep();
    if (!state) return;
    state.checkpointer?.stop();
    state.db.pragma('optimize');
    state.db.close();
  }

  get isOpen(): boolean {
    return this.state !== undefined;
  }

  /**
   * Starts a sync; scopes are then written with `replaceScope` / `markScopeFailed`. Until
   * `finishSync`, a worker thread checkpoints the WAL, so the writes do not.
   */
  beginSync(): number {
    const state = this.open_();
    const syncId = state.syncs.begin();
    if (!state.checkpointer?.active)
      state.checkpointer = WalCheckpointer.forSync(state.db, this.path, state.key);
    return syncId;
  }

  /**
   * Replaces everything one scope owns with `resources`, in ONE transaction: listed resources
   * are inserted or updated, resources the scope owned and did not list are marked removed, and
   * each resource's change (added / changed with its field-level diff / removed) is recorded
   * against `syncId`. `resources` may be any iterable (it is consumed inside the transaction).
   * They may be of any account and region of the scope's cloud; one another scope owned moves to
   * this one (changed only if its content changed, never removed and added). Repeated ids count
   * once.
   */
  replaceScope(scope: StoreScope, resources: Iterable<Resource>, syncId: number): ScopeResult {
    const state = this.open_();
    state.syncs.assertRunning(syncId);
    const result = state.writer.replace(scope, resources, syncId);
    state.checkpointer?.wrote();
    this.scheduleIndexStep();
    return result;
  }

  /**
   * Records that a scope could not be listed in this sync. Its resources are kept exactly as
   * they were and are not reported as removed; the error appears in the sync summary.
   */
  markScopeFailed(scope: StoreScope, error: unknown, syncId: number): void {
    const state = this.open_();
    state.syncs.assertRunning(syncId);
    state.writer.fail(scope, syncId, describeError(error));
  }

  /** Ends a sync and returns its summary (SPEC section 7's `escher sync` shape). */
  finishSync(syncId: number, options: { apiCalls: number }): SyncSummary {
    const state = this.open_();
    const summary = state.syncs.end(syncId, options.apiCalls);
    // The sync pays for indexing what it changed, so the next search does not. Most of it was
    // done in steps after each scope (scheduleIndexStep); this is the rest.
    this.cancelIndexStep();
    state.search.refresh();
    state.checkpointer?.stop();
    return summary;
  }

  /** A sync by id. */
  getSync(syncId: number): SyncRecord | undefined {
    return this.open_().syncs.get(syncId);
  }

  /** The latest syncs, newest first. */
  recentSyncs(limit = 20): SyncRecord[] {
    return this.open_().syncs.recent(limit);
  }

  /**
   * Marks syncs left `running` by a process that died as `interrupted`. Call it once at daemon
   * start, when no other process is syncing into this store. Returns how many were marked.
   */
  interruptStaleSyncs(): number {
    return this.open_().syncs.interruptStale();
  }

  /** Live resources matching the filter, ordered by type, name and id. */
  listResources(filter: ResourceFilter = {}): Resource[] {
    return this.open_().queries.list(filter);
  }

  /**
   * What `listResources(filter)` returns, in the same order, read `pageSize` at a time as
   * `pages` is consumed: for answers too big to hold at once
   * (the daemon streams `GET /resources` from it). Which resources (and `count`) is fixed at the
   * call; no statement stays open between pages, so writes may come in between.
   */
  resourceChunks(filter: ResourceFilter = {}, pageSize = 500): ResourceChunks {
    return this.open_().pages.chunks(filter, pageSize);
  }

  /**
   * One keyset page: up to `limit` live resources matching the filter, after the cursor `after`
   * (the previous page's `next`, absent for the first page), in `listResources`' order.
   */
  pageResources(filter: ResourceFilter, limit: number, after?: string): ResourcePage {
    return this.open_().pages.page(filter, limit, after);
  }

  /** A live resource by id (= nativeId). */
  getResource(id: string): Resource | undefined {
    return this.open_().queries.get(id);
  }

  /** Every recorded change of one resource, oldest first (including after its removal). */
  history(id: string): ResourceChange[] {
    return this.open_().queries.history(id);
  }

  /** Every change recorded at or after `time`, oldest first, removals included. */
  changesSince(time: TimeInput): ResourceChange[] {
    return this.open_().queries.changesSince(time);
  }

  /**
   * Relationship lookups for the resource graph (`escher graph`, `escher history`): who points
   * at a set of resources, and related resources as last known, removed ones included.
   */
  edges(): EdgeQueries {
    return new EdgeQueries(this.open_().db);
  }

  /**
   * Hybrid search (docs/search.md): free text understood into filters, boosts and terms; BM25,
   * typo and vector lists fused by reciprocal rank; `where` in the filter language. Resolves with
   * SPEC section 7's `{ query, tookMs, results: [{ score, resource }] }`.
   */
  search(query: string, options: SearchOptions = {}): Promise<SearchResponse> {
    return this.open_().search.search(query, options);
  }

  /**
   * Brings the search index up to date with every resource change. `finishSync` does it; call it
   * after writing resources any other way (an import) to index them before the next search.
   */
  refreshSearchIndex(): void {
    this.open_().search.refresh();
  }

  /**
   * Resources whose names or tag values match what a user typed, best first (`rank` 1 is the
   * best): the words, prefixes and corrected typos of the search index, else — when no word
   * matches — names containing the text. For resolving a typed name; `search` ranks fully.
   */
  searchText(query: string, options: { limit?: number } = {}): TextHit[] {
    const state = this.open_();
    const limit = options.limit ?? 20;
    const hits = state.search.textHits(query, limit);
    return hits.length > 0 ? hits : state.queries.namesContaining(query, limit);
  }

  /**
   * The open connection, for the modules that own tables of their own in this file — the audit
   * ledger and the vault — and need transactions across them. Everything else goes through the
   * methods above.
   */
  database(): SqliteDatabase {
    return this.open_().db;
  }

  /**
   * The store's key, resolved again from the same sources (read-only: nothing is created), for
   * keys derived from it — the vault's AES-256-GCM key is HKDF of it.
   */
  async resolveKey(): Promise<StoreKey> {
    this.open_();
    const key = await this.keySource.resolve({ storePath: this.path, storeExists: true });
    if (!key) {
      throw new UnexpectedError(
        'store-key-vanished',
        `The key of the open store ${this.path} is no longer available.`,
      );
    }
    return key;
  }

  /**
   * SQLite's own consistency check of every page and index, and the search index's; `['ok']` when sound.
   * Slow on big stores (it reads everything): for `escher doctor` and tests, not the hot path.
   */
  integrityCheck(): string[] {
    const db = this.open_().db;
    const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
      (r) => r.integrity_check,
    );
    try {
      db.prepare("INSERT INTO resource_search (resource_search, rank) VALUES ('integrity-check', 0)").run();
    } catch (error) {
      problems.push(`resource_search: ${error instanceof Error ? error.message : String(error)}`);
    }
    return problems.length > 1 ? problems.filter((p) => p !== 'ok') : problems;
  }

  /** File size (database + WAL) and row counts. */
  stats(): StoreStats {
    return storeStats(this.open_().db, this.path);
  }

  /**
   * Indexes what the sync has written so far, a step at a time on the event loop's idle turns,
   * so `finishSync` — which runs after the last cloud call and adds to a sync's wall time
   * directly — has only the last scopes left to index (a first sync of 100k resources: ~12 s
   * of CPU moved off the end of the sync, into time spent waiting on rate-limited clouds).
   */
  private scheduleIndexStep(): void {
    if (this.indexStep) return;
    this.indexStep = setImmediate(() => {
      this.indexStep = undefined;
      const state = this.state;
      if (!state) return;
      let pending: boolean;
      try {
        pending = state.search.refresh(INDEX_STEP_CHANGES);
        state.checkpointer?.wrote();
      } catch {
        // Best effort (another process may hold the write lock): finishSync and the next search
        // catch the index up in full and report what fails then.
        return;
      }
      if (pending) this.scheduleIndexStep();
    });
    // A pending step must not keep a process alive that has nothing else to do.
    this.indexStep.unref();
  }

  private cancelIndexStep(): void {
    if (this.indexStep) clearImmediate(this.indexStep);
    this.indexStep = undefined;
  }

  private open_(): OpenState {
    if (!this.state) {
      throw new UnexpectedError('store-not-open', 'The store is not open; call open() first.');
    }
    return this.state;
  }
}

function describeError(error: unknown): { code: string; message: string } {
  if (typeof error === 'object' && error !== null) {
    const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
    return {
      code: typeof code === 'string' ? code : typeof name === 'string' ? name : 'error',
      message: typeof message === 'string' ? message : String(error),
    };
  }
  return { code: 'error', message: String(error) };
}
