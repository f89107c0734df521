import { EscherError, OperationalError, UserError, type OperationId } from '@escher/protocol';
import type { OperationOutcome, OperationRequest, ProviderOperation } from '@escher/provider-api';
import type { ZodType } from 'zod';
import { callAzure, type CallOptions } from '../arm/call.ts';
import type { AzureClients } from '../clients.ts';

/** What every operation builds its calls from. */
export interface OperationDeps {
  clients: AzureClients;
}

/** Makes one operation from the provider's clients (the route table holds these). */
export type OperationFactory = (deps: OperationDeps) => ProviderOperation;

/** The gate and signal of a request, as the ARM call helpers take them. */
export function callOptions(request: OperationRequest): CallOptions {
  const options: CallOptions = {};
  if (request.gate) options.gate = request.gate;
  if (request.signal) options.signal = request.signal;
  return options;
}

/**
 * One ARM read through the gate. Reads draw on ARM's per-subscription read bucket (service `arm`,
 * the same family discovery's per-resource calls use).
 */
export function armRead<T>(
  request: OperationRequest,
  subscriptionId: string,
  operation: string,
  call: () => Promise<T>,
): Promise<T> {
  return callAzure(
    callOptions(request),
    { account: subscriptionId, region: 'global', service: 'arm', operation },
    call,
  );
}

/** One ARM write through the gate: ARM meters writes in a bucket of their own (service `arm-write`). */
export function armWrite<T>(
  request: OperationRequest,
  subscriptionId: string,
  operation: string,
  call: () => Promise<T>,
): Promise<T> {
  return callAzure(
    callOptions(request),
    { account: subscriptionId, region: 'global', service: 'arm-write', operation },
    call,
  );
}

/** A started long-running operation, whichever core-lro generation the SDK uses. */
export interface Started<R> {
  pollUntilDone(options?: { abortSignal?: AbortSignal }): Promise<R>;
}

/**
 * Runs an ARM long-running operation the way the SDK's pollers do: the initial request (PUT,
 * PATCH, POST or DELETE) as one gated write, then `pollUntilDone`, which follows
 * `Azure-AsyncOperation` / `Location` and waits `Retry-After` between polls, as one gated wait.
 *
 * `start` must make a new request each time it is called (the gate may retry it after a throttle)
 * and resolve once the cloud has accepted it, with the poller wrapped in an object: core-lro 3
 * pollers are thenables, and returning one bare would wait for the whole operation inside the
 * write. A retried wait resumes polling; it never re-sends the request. The wait runs in its own
 * family (`arm-lro`) so a slow operation holds no slot of the read bucket.
 */
export async function runLro<R>(
  request: OperationRequest,
  subscriptionId: string,
  operation: string,
  start: (abortSignal: AbortSignal | undefined) => Promise<{ poller: Started<R> }>,
): Promise<R> {
  const { poller } = await armWrite(request, subscriptionId, operation, () => start(request.signal));
  const ctx = {
    account: subscriptionId,
    region: 'global',
    service: 'arm-lro',
    operation: `${operation}.wait`,
  };
  try {
    return await callAzure(callOptions(request), ctx, () =>
      poller.pollUntilDone(request.signal ? { abortSignal: request.signal } : {}),
    );
  } catch (error) {
    throw lroFailure(error, operation, subscriptionId);
  }
}

/**
 * core-lro reports a failed operation as a plain Error ("The long-running operation has failed.
 * {code}. {message}"): make it an operational error that keeps the cloud's words.
 */
function lroFailure(error: unknown, operation: string, subscriptionId: string): unknown {
  if (error instanceof EscherError || !(error instanceof Error) || error.name === 'AbortError') return error;
  return new OperationalError(
    'azure-operation-failed',
    `Azure ${operation} (subscription ${subscriptionId}): ${error.message}`,
    { cause: error, retryable: false, details: { operation, account: subscriptionId } },
  );
}

/** The params of a request, typed by the operation's schema (a UserError when they do not fit). */
export function parseParams<T>(schema: ZodType<T>, request: OperationRequest, operation: OperationId): T {
  const parsed = schema.safeParse(request.params);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ');
  throw new UserError('azure-invalid-params', `${operation}: ${issues}`, {
    hint: 'Fix the step’s params (see docs/operations-azure.md for each operation’s params)',
  });
}

/** ARM has no dry run for these calls: the checks ran locally (and through reads) only. */
export function dryRunOk(message: string): OperationOutcome {
  return {
    status: 'dry-run-ok',
    message: `${message} (dry run: checked with reads only; ARM has no dry run)`,
    dryRunSupported: false,
  };
}

/**
 * What a dry run returns when local checks show the cloud would refuse the call: the refusal, with
 * the code Azure would answer (`OperationNotAllowed`), instead of a dry-run-ok.
 */
export function predictedRefusal(
  operation: string,
  cloudCode: string,
  message: string,
  hint: string,
): UserError {
  return new UserError('azure-wrong-state', `Azure ${operation} would be refused: ${cloudCode}: ${message}`, {
    hint,
    details: { cloudCode, dryRun: true },
  });
}

/** The cloud-side code of an Escher error made from an Azure response (`OperationNotAllowed`). */
export function cloudCodeOf(error: unknown): string | undefined {
  if (!(error instanceof EscherError)) return undefined;
  const code = error.details?.['cloudCode'];
  return typeof code === 'string' ? code : undefined;
}

/** True for an Escher error that came from an Azure 404. */
export function isNotFound(error: unknown): boolean {
  return (
    error instanceof EscherError && error.details?.['status'] === 404 && error.code === 'azure-not-found'
  );
}
