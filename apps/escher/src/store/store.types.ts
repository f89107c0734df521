import type { Cloud, Environment, Resource } from '@escher/protocol';

/**
 * One unit of a sync whose listing was complete: the key that owns the resources it listed. It
 * is opaque to the store — the scanner's scope is one service in one account and region ('global'
 * for global services), an import's is `{ account: '<import name>', region: 'global', service:
 * 'import:…' }` — and independent of the resources' own account and region. A scope is replaced
 * atomically: after `replaceScope` it owns exactly what it listed.
 */
export interface StoreScope {
  cloud: Cloud;
  account: string;
  /** A region code, or 'global' for global services and imports. */
  region: string;
  /** The scanner's service id (ec2, s3, compute, …) or an import's kind. */
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
  /**
   * Resources another scope owned that this one listed, and now owns (also counted as changed
   * or unchanged by their content, or as added if they had been removed in an earlier sync).
   */
  moved: number;
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
  /** Lower is better: 1 for the best hit (0 for a name-substring match, unranked). */
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
