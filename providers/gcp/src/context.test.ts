import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EscherError } from '@escher/protocol';
import type { CallContext, CallGate } from '@escher/provider-api';
import type { GcpClients } from './clients.ts';
import { mapLimit } from '@escher/provider-api';
import { callGoogle, type GcpContext } from './context.ts';
import { pages } from './paging.ts';

function context(): GcpContext & { seen: CallContext[] } {
  const seen: CallContext[] = [];
  const gate: CallGate = { run: (ctx, call) => (seen.push(ctx), call()) };
  return { clients: {} as GcpClients, gate, project: 'acme-1', seen };
}

describe('gated Google calls', () => {
  it('retries a stale keep-alive socket once, inside one gated call', async () => {
    const ctx = context();
    let attempts = 0;
    const value = await callGoogle(ctx, { service: 'compute', operation: 'regions.list' }, async () => {
      if (attempts++ === 0) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      return 'ok';
    });
    assert.equal(value, 'ok');
    assert.equal(attempts, 2);
    assert.deepEqual(ctx.seen, [
      { account: 'acme-1', region: 'global', service: 'compute', operation: 'regions.list' },
    ]);
  });

  it('hands the gate translated errors, so it can see throttling', async () => {
    const ctx = context();
    const throttled = Object.assign(
      new Error('{"error":{"code":429,"message":"Quota","status":"RESOURCE_EXHAUSTED"}}'),
      { code: 429 },
    );
    await assert.rejects(
      callGoogle(ctx, { service: 'iam', operation: 'x' }, () => Promise.reject(throttled)),
      (e: unknown) => e instanceof EscherError && e.code === 'gcp-throttled',
    );
  });

  it('follows empty pages that carry a token, one gated call per page', async () => {
    const ctx = context();
    const served = [
      { items: [1, 2], next: 'a' },
      { items: [], next: 'b' },
      { items: [3], next: undefined },
    ];
    const got: number[][] = [];
    for await (const page of pages(ctx, { service: 'compute', operation: 'x.list' }, async () =>
      served.shift()!,
    ))
      got.push(page);
    assert.deepEqual(got, [[1, 2], [3]]);
    assert.equal(ctx.seen.length, 3);
  });

  it('maps with bounded concurrency, keeping order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 3, 2, 4], 2, async (n) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    assert.deepEqual(out, [50, 10, 30, 20, 40]);
    assert.equal(peak, 2);
  });
});
