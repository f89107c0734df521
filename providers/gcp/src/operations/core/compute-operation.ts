import type { protos } from '@google-cloud/compute';
import { OperationalError, UserError } from '@escher/protocol';
import type { GcpContext } from '../../context.ts';
import { lastSegment } from '../../names.ts';
import { mutate, read, type ApiCall } from './call.ts';
import { pollUntilDone } from './poll.ts';

type Operation = protos.google.cloud.compute.v1.IOperation;

/** What a Compute Engine mutating method resolves to: `[{ latestResponse: Operation, … }, …]`. */
type Started = readonly [unknown, ...unknown[]];

/** Errors a failed operation reports that mean "try again later" rather than "fix the request". */
const TRANSIENT = /QUOTA|RATE_LIMIT|UNAVAILABLE|INTERNAL|TIMEOUT|ZONE_RESOURCE_POOL_EXHAUSTED/;

/**
 * The Operation a Compute Engine mutating call started. The REST clients resolve to
 * `[{ latestResponse, done: false, name, … }]`; the operation itself is `latestResponse`.
 */
function operationOf(started: Started): Operation {
  const first = started[0] as { latestResponse?: Operation } | undefined;
  return first?.latestResponse ?? (first as Operation);
}

/** A DONE operation's error as an EscherError, with Compute Engine's error code in the message. */
function operationFailure(op: Operation, what: string): Error | undefined {
  const errors = op.error?.errors ?? [];
  if (errors.length === 0) return undefined;
  const detail = errors.map((e) => `${e.code ?? 'ERROR'}: ${e.message ?? ''}`).join('; ');
  const message = `${what} failed in Google Cloud: ${detail}`;
  const details = { operation: op.name, errors: errors.map((e) => e.code) };
  return errors.some((e) => TRANSIENT.test(e.code ?? ''))
    ? new OperationalError('gcp-operation-failed', message, { details, hint: 'Retry later' })
    : new UserError('gcp-operation-failed', message, {
        details,
        hint: 'Check the resource and the request; Google refused the change',
      });
}

/**
 * Waits for a Compute Engine Operation the way the SDK samples do: `zoneOperations.wait` (or the
 * regional / global one, by the operation's scope) until it is DONE, each call through the gate.
 * A DONE operation carrying `error` throws; so does one still running after the timeout.
 */
export async function awaitComputeOperation(
  ctx: GcpContext,
  started: Operation,
  what: string,
): Promise<Operation> {
  const zone = lastSegment(started.zone);
  const region = lastSegment(started.region);
  const name = started.name ?? '';
  const op = await pollUntilDone<Operation>(
    async () => {
      // Never-started or instantly-finished operations need no call.
      const current = started.status === 'DONE' ? started : await waitOnce(ctx, name, zone, region);
      started = current;
      return { done: current.status === 'DONE', value: current };
    },
    what,
    ctx.signal,
  );
  const failure = operationFailure(op, what);
  if (failure) throw failure;
  return op;
}

async function waitOnce(
  ctx: GcpContext,
  operation: string,
  zone: string | undefined,
  region: string | undefined,
): Promise<Operation> {
  const project = ctx.project;
  if (zone) {
    const client = await ctx.clients.zoneOperations();
    const call = { service: 'compute', operation: 'zoneOperations.wait' };
    return (await read(ctx, call, () => client.wait({ project, zone, operation })))[0];
  }
  if (region) {
    const client = await ctx.clients.regionOperations();
    const call = { service: 'compute', operation: 'regionOperations.wait' };
    return (await read(ctx, call, () => client.wait({ project, region, operation })))[0];
  }
  const client = await ctx.clients.globalOperations();
  const call = { service: 'compute', operation: 'globalOperations.wait' };
  return (await read(ctx, call, () => client.wait({ project, operation })))[0];
}

/** Makes one Compute Engine mutating call and waits for its Operation to finish. */
export async function computeChange(
  ctx: GcpContext,
  call: ApiCall,
  what: string,
  run: () => Promise<Started>,
): Promise<Operation> {
  const started = operationOf(await mutate(ctx, call, run));
  return awaitComputeOperation(ctx, started, what);
}
