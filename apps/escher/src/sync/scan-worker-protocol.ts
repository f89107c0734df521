import type { Cloud } from '@escher/protocol';
import type { ScanError, ScanEvent, ScanOutcome, ScopeChangeCounts, SinkScope } from '../scanner/index.ts';
import type { Resource } from '@escher/protocol';
import type { ProviderSpec } from './provider-spec.ts';

/** What a scan worker is started with (`workerData`). */
export interface ScanWorkerData {
  cloud: Cloud;
  specs: ProviderSpec[];
  syncId: number;
  /** Only these account ids, when the request named some. */
  accounts?: string[];
  /** Only these services, or all but these (the cloud's paced services run in a worker of their own). */
  services?: { only: string[] } | { except: string[] };
  /**
   * Whether the scan can be cancelled (the request had a signal). Only then does the worker
   * hand its scan a signal: every call waiting for a slot or a retry listens to it, and at the
   * start of a large sync thousands wait — a second of CPU in listener bookkeeping alone.
   */
  cancellable: boolean;
}

/** An error as it crosses threads: what the store records and the user sees. */
export interface WireError {
  name: string;
  code?: string;
  message: string;
  hint?: string;
}

/** Worker → scanner thread. */
export type WorkerMessage =
  | { kind: 'events'; events: ScanEvent[] }
  | { kind: 'replace'; id: number; scope: SinkScope; resources: Resource[] }
  | { kind: 'scope-failed'; id: number; scope: SinkScope; error: WireError }
  | { kind: 'done'; outcome: ScanOutcome }
  /** The worker could not scan at all (its providers did not build, a sink write failed). */
  | { kind: 'failed'; error: WireError };

/** Scanner thread → worker. */
export type ParentMessage =
  | { kind: 'written'; id: number; result: ScopeChangeCounts }
  | { kind: 'write-failed'; id: number; error: WireError }
  | { kind: 'abort' };

/** Flattens an error for the other thread: name, code, message and hint survive; the rest does not. */
export function toWireError(error: unknown): WireError {
  if (typeof error === 'object' && error !== null) {
    const { name, code, message, hint } = error as Record<string, unknown>;
    return {
      name: typeof name === 'string' ? name : 'Error',
      ...(typeof code === 'string' ? { code } : {}),
      message: typeof message === 'string' ? message : String(error),
      ...(typeof hint === 'string' ? { hint } : {}),
    };
  }
  return { name: 'Error', message: String(error) };
}

/** A failure that names its cloud, for a summary's errors. */
export function cloudError(cloud: Cloud, error: WireError): ScanError {
  return {
    stage: 'accounts',
    cloud,
    code: error.code ?? error.name,
    message: error.message,
    ...(error.hint ? { hint: error.hint } : {}),
  };
}
