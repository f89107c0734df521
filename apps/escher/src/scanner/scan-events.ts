import type { Cloud } from '@escher/protocol';
import type { ScanError, ScanSummary, SinkScope } from './scan-sink.ts';

/**
 * What a scan reports as it goes, for progress renderers. Renderers only read these; the scanner
 * never draws anything itself.
 */
export type ScanEvent =
  | { kind: 'scan-started'; at: number }
  /**
   * `scopes` more scopes will run for an account: first its global services, then, once its
   * regions are known (`regions` set, 0 when listing them failed), its regional ones.
   */
  | { kind: 'account-planned'; cloud: Cloud; account: string; regions?: number; scopes: number }
  | { kind: 'scope-started'; scope: SinkScope }
  | { kind: 'scope-page'; scope: SinkScope; resources: number }
  | {
      kind: 'scope-done';
      scope: SinkScope;
      resources: number;
      added: number;
      changed: number;
      removed: number;
    }
  | { kind: 'scope-failed'; scope: SinkScope; error: ScanError }
  /** Listing accounts or an account's regions failed. */
  | { kind: 'listing-failed'; error: ScanError }
  /** One API call attempt (retries included). */
  | {
      kind: 'api-call';
      cloud: Cloud;
      account: string;
      outcome: 'ok' | 'throttled' | 'retryable' | 'fatal';
      at: number;
    }
  | { kind: 'scan-finished'; summary: ScanSummary; cancelled: boolean };
