import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ErrorBody, Resource } from '@escher/protocol';
import { createTestDaemon, type TestDaemon } from '../daemon.testing.ts';

interface Listing {
  count: number;
  resources: Resource[];
  next?: string;
}

describe('GET /api/v1/resources: streamed whole, or in keyset pages', () => {
  let d: TestDaemon;
  before(async () => {
    d = await createTestDaemon();
  });
  after(() => d.cleanup());

  const get = async (query: string, status = 200): Promise<Response> => {
    const res = await d.request(`/api/v1/resources${query}`);
    assert.equal(res.status, status, await res.clone().text());
    return res;
  };

  it('without a limit: the whole list as one JSON document, count first, in listing order', async () => {
    const res = await get('');
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    const body = (await res.json()) as Listing;
    assert.deepEqual(Object.keys(body), ['count', 'resources']);
    assert.equal(body.count, 4);
    assert.deepEqual(
      body.resources.map((r) => r.name),
      d.temp.store.listResources().map((r) => r.name),
    );
    const none = (await (await get('?cloud=gcp')).json()) as Listing;
    assert.deepEqual(none, { count: 0, resources: [] });
  });

  it('with a limit: pages and a next cursor until the last page', async () => {
    const seen: string[] = [];
    let query = '?limit=3';
    for (;;) {
      const page = (await (await get(query)).json()) as Listing;
      assert.equal(page.count, page.resources.length);
      seen.push(...page.resources.map((r) => r.name));
      if (!page.next) break;
      query = `?limit=3&after=${encodeURIComponent(page.next)}`;
    }
    assert.deepEqual(
      seen,
      d.temp.store.listResources().map((r) => r.name),
    );
  });

  it("refuses 'after' without 'limit' or beside 'offset', and a cursor that is not ours", async () => {
    const error = async (query: string): Promise<ErrorBody['error']> =>
      ((await (await get(query, 400)).json()) as ErrorBody).error;
    assert.equal((await error('?after=abc')).code, 'invalid-query');
    assert.equal((await error('?limit=2&offset=2&after=abc')).code, 'invalid-query');
    const bad = await error('?limit=2&after=abc');
    assert.equal(bad.code, 'invalid-cursor');
    assert.ok(bad.hint);
  });
});
