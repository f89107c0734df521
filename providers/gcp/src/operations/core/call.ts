import { EscherError, OperationalError, UserError } from '@escher/protocol';
import { OPEN_GATE, type CallContext } from '@escher/provider-api';
import { callGoogle, type GcpContext } from '../../context.ts';
import { readGoogleFailure, toGcpError } from '../../errors.ts';

/** Which API method a call is, for the gate and for error messages. */
export interface ApiCall {
  service: string;
  operation: string;
}

/**
 * An EscherError from a Google call with the cloud's own answer appended to the message
 * (`[400 resourceNotReady]`), so an execution log shows exactly what Google said and a playbook
 * author can match on it. Errors with no Google answer (network, our own) pass through.
 */
export function withCloudCode(error: unknown): unknown {
  if (!(error instanceof EscherError) || error.cause === undefined) return error;
  const failure = readGoogleFailure(error.cause);
  if (failure.status === undefined && failure.reason === undefined) return error;
  const code = [failure.status, failure.reason].filter((p) => p !== undefined).join(' ');
  if (error.message.includes(`[${code}]`)) return error;
  const message = `${error.message} [${code}]`;
  const options = { cause: error.cause, hint: error.hint, details: error.details };
  if (error instanceof UserError) return new UserError(error.code, message, options);
  if (error instanceof OperationalError)
    return new OperationalError(error.code, message, { ...options, retryable: error.retryable });
  return error;
}

/**
 * A mutating Google call: through the caller's gate, SDK errors turned into EscherErrors with the
 * cloud's code in the message. Unlike reads (`callGoogle`), it is never repeated on a dropped
 * connection: the first attempt may have reached Google, and a second `delete` or `setLabels`
 * could act twice or fail confusingly.
 */
export async function mutate<T>(ctx: GcpContext, call: ApiCall, run: () => Promise<T>): Promise<T> {
  ctx.signal?.throwIfAborted();
  const context: CallContext = { account: ctx.project, region: 'global', ...call };
  return (ctx.gate ?? OPEN_GATE).run(context, async () => {
    try {
      return await run();
    } catch (error) {
      throw withCloudCode(toGcpError(error, context));
    }
  });
}

/** A read (current state, operation status) with the cloud's code in any error message. */
export async function read<T>(ctx: GcpContext, call: ApiCall, run: () => Promise<T>): Promise<T> {
  try {
    return await callGoogle(ctx, call, run);
  } catch (error) {
    throw withCloudCode(error);
  }
}

/** Whether an error is Google's 404 for the thing asked about. */
export function isNotFound(error: unknown): boolean {
  return error instanceof EscherError && error.code === 'gcp-not-found';
}
