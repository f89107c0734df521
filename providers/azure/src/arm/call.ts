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
 * Walks an SDK pager (`list(...).byPage()`), making each page request through the gate: the pager
 * issues one HTTP request per `next()`, so each one is a call of its own to the rate limiter.
 */
export async function* gatedPages<T>(
  options: CallOptions,
  ctx: CallContext,
  pages: AsyncIterableIterator<T[]>,
): AsyncGenerator<T[]> {
  for (;;) {
    const next = await callAzure(options, ctx, () => pages.next());
    if (next.done) return;
    yield next.value;
  }
}

/** Collects every item of a gated pager. */
export async function collectPages<T>(
  options: CallOptions,
  ctx: CallContext,
  pages: AsyncIterableIterator<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for await (const page of gatedPages(options, ctx, pages)) out.push(...page);
  return out;
}

/** ARM context for one subscription. */
export function armContext(account: string, operation: string): CallContext {
  return { account, region: 'global', service: 'arm', operation };
}
