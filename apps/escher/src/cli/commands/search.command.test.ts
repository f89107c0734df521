import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Resource } from '@escher/protocol';
import { searchTestEstate, syncInto } from '../../store/search/search-estate.testing.ts';
import { createCliHarness, type CliHarness } from '../testing/cli-harness.ts';

interface SearchJson {
  query: string;
  tookMs: number;
  results: { score: number; resource: Resource; explain?: Record<string, unknown> }[];
}

// The real `escher` binary against a home whose store holds a small three-cloud estate.
describe('escher search and escher resources --where (real CLI)', () => {
  let h: CliHarness;
  before(async () => {
    h = createCliHarness({ prefix: 'escher-search-cli-' });
    const init = await h.run('init');
    assert.equal(init.code, 0, init.stderr);
    const store = await h.openStore();
    try {
      syncInto(store, searchTestEstate());
    } finally {
      store.close();
    }
  });
  after(() => h.cleanup());

  it('--json prints exactly { query, tookMs, results: [{ score, resource }] }, prod postgres of each cloud first', async () => {
    const out = await h.json<SearchJson>('search', 'postgress prod db', '--limit', '3');
    assert.deepEqual(Object.keys(out), ['query', 'tookMs', 'results']);
    assert.equal(out.query, 'postgress prod db');
    assert.equal(out.results.length, 3);
    for (const r of out.results) assert.deepEqual(Object.keys(r), ['score', 'resource']);
    assert.deepEqual(out.results.map((r) => r.resource.cloud).sort(), ['aws', 'azure', 'gcp']);
  });

  it('--explain adds why each result matched; the human view says how the query was read', async () => {
    const out = await h.json<SearchJson>('search', 'postgress prod db', '--explain', '--limit', '1');
    assert.ok(out.results[0]!.explain && 'lists' in out.results[0]!.explain);
    const text = await h.run('search', 'postgress prod db', '--explain', '--limit', '2');
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /typos: +postgress → postgres/);
    assert.match(text.stdout, /bm25 #1/);
    assert.match(text.stdout, /2 results in [\d.]+ ms/);
  });

  it('--where narrows the search; a bad expression is one line on stderr naming the position', async () => {
    const out = await h.json<SearchJson>('search', 'postgres', '--where', 'NOT cloud:aws');
    assert.deepEqual(out.results.map((r) => r.resource.name).sort(), ['analytics-pg', 'psql-ledger-prod']);
    const bad = await h.run('search', 'db', '--where', 'env=(prod', '--json');
    assert.equal(bad.code, 1);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /^escher: .*at column \d+/);
  });

  it('escher resources --where applies the filter language', async () => {
    const list = await h.list('--where', 'type:database AND (tag:owner OR engine=mysql) AND NOT cloud:gcp');
    assert.deepEqual(list.resources.map((r) => r.name).sort(), ['billing-mysql-01', 'psql-ledger-prod']);
    assert.equal(list.count, 2);
  });
});
