import { OperationalError } from '@escher/protocol';
import { OPEN_GATE, type CallContext, type CallGate } from '@escher/provider-api';
import { toAzureError } from './azure-error.ts';

/** What every SDK call needs besides its arguments: the scanner's gate and the abort signal. */
export interface CallOptions {
  gate?: CallGate;
  signal?: AbortSignal;
}

/**
 * Makes one Azure SDK call through the scanner's gate, mapping SDK errors to Escher's inside the
 * gate so the gate sees `azure-throttled` (with Retry-After) rather than a raw RestError.
 *
 * Call contexts name the quota a call draws on: service `resourcegraph` (Resource Graph's own
 * quota, 15 per 5 s) or `arm` (ARM's per-subscription read bucket, which Monitor and every
 * resource provider share); region `global`, since neither quota is regional.
 */
export function callAzure<T>(options: CallOptions, ctx: CallContext, call: () => Promise<T>): Promise<T> {
  return (options.gate ?? OPEN_GATE).run(ctx, async () => {
    try {
      return await call();
    } catch (error) {
      throw toAzureError(error, ctx);
    }
  });
}

/**
 * Where a gated walk gets its pages: a function that starts the SDK pager
 * (`() => client.x.list(…).byPage()`), so a page whose request failed can be asked for again. A
 * bare pager cannot be: once its `next()` has thrown, the SDK pager is finished and a retry of
 * `next()` would read as the end of the list.
 */
export type PageSource<T> = (() => AsyncIterableIterator<T[]>) | AsyncIterableIterator<T[]>;

/**
 * Walks an SDK pager, making each page request through the gate: the pager issues one HTTP
 * request per `next()`, so each one is a call of its own to the rate limiter. The gate retries
 * throttled and failed pages (SDK retries are off); a retry starts the pager again and skips the
 * pages already yielded. A bare pager (no function) cannot restart: its failed page is then
 * reported as a non-retryable error rather than taken for the end of the list.
 */
export async function* gatedPages<T>(
  options: CallOptions,
  ctx: CallContext,
  source: PageSource<T>,
): AsyncGenerator<T[]> {
  const restart = typeof source === 'function' ? source : undefined;
  let pages = restart ? restart() : (source as AsyncIterableIterator<T[]>);
  let yielded = 0;
  let broken = false;
  for (;;) {
    const next = await callAzure(options, ctx, async () => {
      if (broken) {
        if (!restart) {
          throw new OperationalError(
            'azure-pager-failed',
            `Azure ${ctx.operation}: a page failed and cannot be retried.`,
            {
              retryable: false,
              details: { operation: ctx.operation, account: ctx.account },
            },
          );
        }
        pages = restart();
        for (let i = 0; i < yielded; i++) if ((await pages.next()).done) break;
        broken = false;
      }
      try {
        return await pages.next();
      } catch (error) {
        broken = true;
        throw error;
      }
    });
    if (next.done) return;
    yielded += 1;
    yield next.value;
  }
}

/** Collects every item of a gated pager. */
export async function collectPages<T>(
  options: CallOptions,
  ctx: CallContext,
  source: PageSource<T>,
): Promise<T[]> {
  const out: T[] = [];
  for await (const page of gatedPages(options, ctx, source)) out.push(...page);
  return out;
}

/** ARM context for one subscription. */
export function armContext(account: string, operation: string): CallContext {
  return { account, region: 'global', service: 'arm', operation };
}
