import type { OperationId, Resource } from '@escher/protocol';
import type { ZodType } from 'zod';
import type { CallGate } from './provider.ts';

/**
 * One call of a provider operation (a structured playbook step) on one target.
 *
 * `dryRun` asks the cloud to check the call without making it where the API can (EC2's
 * `DryRun`): a dry run that the cloud accepts resolves with `status: 'dry-run-ok'`, a refusal
 * (no permission, wrong state) rejects with the cloud's error, exactly as the real call would.
 * Where the API has no dry run, the operation validates what it can locally and says so in
 * `message` (`dryRunSupported: false`).
 */
export interface OperationRequest {
  target: Resource;
  /** Typed by the operation's `params` schema (already validated by the caller). */
  params: Readonly<Record<string, unknown>>;
  dryRun?: boolean;
  gate?: CallGate;
  signal?: AbortSignal;
}

/**
 * What an operation did. `undo` is how to reverse it (the operation and params that restore the
 * previous state: the old size for a resize, the removed rules for a restrict, the old tag values
 * for a tag), so rollback is data, computed when the change is made, not guessed afterwards.
 * Irreversible operations (delete) leave it out.
 */
export interface OperationOutcome {
  status: 'succeeded' | 'accepted' | 'dry-run-ok';
  /** One line for the execution log, secret-free. */
  message: string;
  /** False when the cloud has no dry run for this call and only local checks ran. */
  dryRunSupported?: boolean;
  /** Ids of resources the operation created (snapshots, backups). */
  created?: string[];
  undo?: { operation: OperationId; params: Record<string, unknown> };
}

/** One operation one cloud implements (one file per operation in each provider, STYLE.md). */
export interface ProviderOperation {
  id: OperationId;
  /**
   * The params it takes: the catalogue's schema for `id` itself (`OPERATION_PARAMS[id]`), so one
   * playbook step means the same on every cloud. The engine validates them before `run` and
   * renders them in plans; cloud-specific rules are checked by `run` (and so at dry run).
   */
  params: ZodType<Record<string, unknown>>;
  run(request: OperationRequest): Promise<OperationOutcome>;
}

/**
 * The optional mutation half of a provider. `refresh` re-reads one resource (for verify steps
 * and state preconditions) and resolves `undefined` when it no longer exists.
 */
export interface ProviderActions {
  readonly operations: readonly ProviderOperation[];
  refresh(
    resource: Resource,
    options?: { gate?: CallGate; signal?: AbortSignal },
  ): Promise<Resource | undefined>;
}
