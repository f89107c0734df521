import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallGate } from '@escher/provider-api';
import { collectPages } from './call.ts';

const ctx = { account: 'sub-1', region: 'global', service: 'arm', operation: 'things.list' };

/** A gate that tries each call up to three times, as the scanner's limiter does. */
const retryingGate: CallGate = {
  async run(_ctx, call) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (attempt === 2) throw error;
      }
    }
  },
};

/** An SDK-like pager over three pages whose `failAt`-th request fails once with a 503. */
function pagerFactory(failAt: number): {
  start: () => AsyncIterableIterator<string[]>;
  requests: () => number;
} {
  let requests = 0;
  const pages = [['a', 'b'], ['c', 'd'], ['e']];
  return {
    requests: () => requests,
    start: () =>
      (async function* () {
        for (const page of pages) {
          requests += 1;
          if (requests === failAt) throw Object.assign(new Error('Service Unavailable'), { statusCode: 503 });
          yield page;
        }
      })(),
  };
}

describe('gated pagers', () => {
  it('a page that failed is fetched again, and nothing is lost or repeated', async () => {
    const pager = pagerFactory(2);
    const items = await collectPages({ gate: retryingGate }, ctx, pager.start);
    assert.deepEqual(items, ['a', 'b', 'c', 'd', 'e']);
  });

  it('a bare pager whose page failed is an error, never a short list', async () => {
    const pager = pagerFactory(2);
    await assert.rejects(collectPages({ gate: retryingGate }, ctx, pager.start()), {
      code: 'azure-pager-failed',
    });
  });
});
