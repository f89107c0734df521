import type { OperationId, Resource, ResourceType } from '@escher/protocol';
import type { OperationOutcome } from '@escher/provider-api';
import type { ZodType } from 'zod';
import type { AwsContext } from '../core/context.ts';

/**
 * What one run of an AWS operation gets: the target, its validated params, and the clients of the
 * target's account and region behind the caller's gate (so every call is paced and counted).
 */
export interface AwsOperationRun<P> {
  target: Resource;
  params: P;
  dryRun: boolean;
  ctx: AwsContext;
  /** Re-reads the target as discovery would (undefined when it is gone). */
  refresh(): Promise<Resource | undefined>;
}

/**
 * One catalogue operation on AWS, in its own file. `types` are the targets it accepts (the
 * catalogue's type, or several for `resource.tag`); `params` validates the step's input before
 * anything is sent. The provider binds it to an account's clients per call (see `createAwsActions`).
 */
export interface AwsOperation<P = Record<string, unknown>> {
  id: OperationId;
  types: readonly ResourceType[];
  params: ZodType<P>;
  run(run: AwsOperationRun<P>): Promise<OperationOutcome>;
}

/** Builds an operation with its params type inferred from the schema. */
export function awsOperation<P>(operation: AwsOperation<P>): AwsOperation<P> {
  return operation;
}

/** `DryRunOperation` and friends: what a dry run that the cloud itself checked answers. */
export function dryRunOk(message: string): OperationOutcome {
  return { status: 'dry-run-ok', message, dryRunSupported: true };
}

/** A dry run where the API has none: the target was re-read and the change checked locally. */
export function localDryRun(message: string): OperationOutcome {
  return {
    status: 'dry-run-ok',
    message: `${message} (checked locally: this API has no dry run)`,
    dryRunSupported: false,
  };
}
