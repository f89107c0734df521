import { UserError, type OperationId, type Resource, type ResourceType } from '@escher/protocol';
import type { OperationOutcome } from '@escher/provider-api';
import type { z } from 'zod';
import type { GcpContext } from '../../context.ts';

/** What one operation run gets: the call context (project = the target's), target, typed params. */
export interface GcpRun<P> {
  ctx: GcpContext;
  target: Resource;
  params: P;
  dryRun: boolean;
}

/** One GCP operation, before it is bound to clients: a row of the route table. */
export interface GcpOperation {
  id: OperationId;
  /** The resource types it acts on. */
  types: readonly ResourceType[];
  params: z.ZodType<Record<string, unknown>>;
  run(input: GcpRun<Record<string, unknown>>): Promise<OperationOutcome>;
}

/**
 * Declares an operation with typed params: `run` sees `z.infer` of the schema, and params are
 * parsed again before it runs (callers validate too, but an operation never trusts its input).
 */
export function defineOperation<S extends z.ZodType<Record<string, unknown>>>(spec: {
  id: OperationId;
  types: readonly ResourceType[];
  params: S;
  run(input: GcpRun<z.infer<S>>): Promise<OperationOutcome>;
}): GcpOperation {
  return {
    id: spec.id,
    types: spec.types,
    params: spec.params as unknown as z.ZodType<Record<string, unknown>>,
    run: async (input) => {
      const parsed = spec.params.safeParse(input.params);
      if (!parsed.success)
        throw new UserError(
          'gcp-operation-params-invalid',
          `${spec.id}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ')}`,
          { hint: 'Fix the step parameters' },
        );
      return spec.run({ ...input, params: parsed.data });
    },
  };
}

/**
 * The outcome of a dry run where Google has no dry run for the call: the target was read and
 * the change checked against it locally (state, parameters), nothing was sent that changes it.
 */
export function localDryRun(message: string): OperationOutcome {
  return {
    status: 'dry-run-ok',
    message: `${message} (checked locally: Google has no dry run for this call)`,
    dryRunSupported: false,
  };
}

/** A refusal found in a dry run, worded as the cloud would refuse the real call. */
export function wrongState(message: string, hint: string): UserError {
  return new UserError('gcp-wrong-state', message, { hint });
}
