import type { Cloud, Resource } from '@escher/protocol';

/** One discovery unit as the sink stores it: one service in one account and region. */
export interface SinkScope {
  cloud: Cloud;
  account: string;
  /** A region code, or 'global' for global services. */
  region: string;
  service: string;
}

/** What replacing one scope changed (the store's `ScopeResult` fits). */
export interface ScopeChangeCounts {
  added: number;
  changed: number;
  removed: number;
  /** Distinct resources now in the scope, when the sink counts them (repeated ids count once). */
  resources?: number;
}

/** The summary a scan hands the sink when it ends. */
export interface SinkSyncSummary {
  apiCalls: number;
}

/**
 * The narrow part of the store the scanner writes to, so the scanner does not depend on the
 * store's layout (the encrypted store satisfies it structurally). Every method may be
 * synchronous or return a promise.
 */
export interface ScanSink<SyncId = number> {
  /** Opens a sync; every scope write names it. */
  beginSync(): SyncId | Promise<SyncId>;
  /**
   * Replaces a scope's resources atomically with a COMPLETE listing and records the change set.
   * The scanner calls it only once the scope's last page is in, so a failing scope never
   * half-replaces.
   */
  replaceScope(
    scope: SinkScope,
    resources: Resource[],
    syncId: SyncId,
  ): ScopeChangeCounts | Promise<ScopeChangeCounts>;
  /** A scope could not be listed: keep its resources as they were, never report them removed. */
  markScopeFailed(scope: SinkScope, error: unknown, syncId: SyncId): void | Promise<void>;
  /** Closes the sync with the scan's summary. */
  finishSync(syncId: SyncId, summary: SinkSyncSummary & ScanSummary): unknown;
}

/** Where in a scan something failed. */
export type ScanStage = 'accounts' | 'regions' | 'scope';

/** A failure the summary reports, with the cloud's own error message. */
export interface ScanError {
  stage: ScanStage;
  cloud: Cloud;
  account?: string;
  region?: string;
  service?: string;
  /** Stable code (`aws-service-error`, `gcp-throttled`, …) or the cloud's error name. */
  code: string;
  message: string;
  hint?: string;
}

/** What `escher sync` prints (SPEC section 7). */
export interface ScanSummary {
  resources: number;
  added: number;
  changed: number;
  removed: number;
  errors: ScanError[];
  apiCalls: number;
  durationMs: number;
}
