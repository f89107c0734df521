import type { Cloud, Environment, Resource } from '@escher/protocol';

/**
 * One discovery unit of a sync: one service's resources in one account and region. A scope is
 * replaced atomically: after `replaceScope` the store holds exactly what the scope returned.
 */
export interface StoreScope {
  cloud: Cloud;
  account: string;
  /** A region code, or 'global' for global services. */
  region: string;
  /** The scanner's service id (ec2, s3, compute, …): the unit whose listing was complete. */
  service: string;
}

/** One field that differs between two versions of a resource. */
export interface FieldChange {
  /** Dotted path: `state`, `tags.owner`, `attributes.size`, `relationships`. */
  field: string;
  /** Absent when the field was added. */
  before?: unknown;
  /** Absent when the field was removed. */
  after?: unknown;
}

export type ChangeKind = 'added' | 'changed' | 'removed';

/** What one sync did to one resource. */
export interface ResourceChange {
  resourceId: string;
  syncId: number;
  kind: ChangeKind;
  /** ISO 8601. */
  at: string;
  /** Field-level diff, for `changed` only. */
  changes?: FieldChange[];
}

/** What `replaceScope` did. */
export interface ScopeResult {
  resources: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** Ids that appeared more than once in the input; the first occurrence was kept. */
  duplicates: number;
}

/** A scope that could not be listed, as reported in the sync summary. */
export interface ScopeError {
  cloud: Cloud;
  account: string;
  region: string;
  service: string;
  code: string;
  message: string;
}

/** The summary `escher sync` prints (SPEC section 7). */
export interface SyncSummary {
  syncId: number;
  /** Resources the sync listed in the scopes it completed. */
  resources: number;
  added: number;
  changed: number;
  removed: number;
  errors: ScopeError[];
  apiCalls: number;
  durationMs: number;
}

export type SyncStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'interrupted';

/** A sync as recorded in the store. */
export interface SyncRecord {
  id: number;
  status: SyncStatus;
  /** ISO 8601. */
  startedAt: string;
  finishedAt?: string;
  summary?: SyncSummary;
}

/** A point in time: an ISO 8601 string, a Date, or milliseconds since the epoch. */
export type TimeInput = string | number | Date;

type OneOrMany<T> = T | readonly T[];

/**
 * Structured filters of `escher resources`. Fields combine with AND; a list matches any of its
 * values; `tags` requires every pair (a value of `*` only requires the key).
 */
export interface ResourceFilter {
  type?: OneOrMany<string>;
  cloud?: OneOrMany<Cloud>;
  account?: OneOrMany<string>;
  region?: OneOrMany<string>;
  environment?: OneOrMany<Environment>;
  state?: OneOrMany<string>;
  tags?: Readonly<Record<string, string>>;
  ids?: readonly string[];
  /** Only resources added or changed at or after this time. */
  changedSince?: TimeInput;
  limit?: number;
  offset?: number;
}

/** A hit of the trigram text search. */
export interface TextHit {
  /** Lower is better (FTS5 bm25). */
  rank: number;
  resource: Resource;
}

/** Size and row counts, for `escher status` and the benchmark. */
export interface StoreStats {
  /** The database file plus its WAL, in bytes. */
  fileBytes: number;
  /** Live (not removed) resources. */
  resources: number;
  rows: Record<string, number>;
}
