import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { hashingEmbedder, type EmbeddingProvider } from '@escher/knowledge';
import { staticKeySource } from '../key/static.key-source.ts';
import { Store } from '../store.ts';
import { ManualClock } from '../testing/temp-store.ts';
import { searchTestEstate, syncInto } from './search-estate.testing.ts';

async function storeFor(t: TestContext, embedder: EmbeddingProvider | null = null): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'escher-search-test-'));
  const store = new Store({
    path: join(dir, 'store.db'),
    keySource: staticKeySource({ kind: 'raw', bytes: randomBytes(32) }),
    clock: new ManualClock(),
    embedder,
  });
  await store.open();
  t.after(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

const PROD_POSTGRES = ['orders-db-01', 'psql-ledger-prod', 'analytics-pg'];

test('"production postgres database" and its typo put the prod postgres of all three clouds first', async (t) => {
  const store = await storeFor(t);
  syncInto(store, searchTestEstate());
  for (const query of ['production postgres database', 'postgress prod db']) {
    const response = await store.search(query, { limit: 5 });
    assert.deepEqual(
      response.results
        .slice(0, 3)
        .map((r) => r.resource.name)
        .sort(),
      [...PROD_POSTGRES].sort(),
      query,
    );
    // Prod MySQL is a prod database, so it may follow; the dev postgres may not (prod is a filter).
    assert.ok(!response.results.some((r) => r.resource.name === 'orders-db-dev'), query);
    assert.equal(response.query, query);
    assert.equal(typeof response.tookMs, 'number');
    assert.ok(response.results.every((r) => r.score > 0 && r.score <= 1 && !('explain' in r)));
  }
});

test('--explain says how the query was read and why each result matched', async (t) => {
  const store = await storeFor(t);
  syncInto(store, searchTestEstate());
  const response = await store.search('postgress prod db', { explain: true, limit: 3 });
  const explain = response.results[0]!.explain!;
  assert.deepEqual(explain.query.corrections, [{ from: 'postgress', to: 'postgres' }]);
  assert.match(explain.query.filter, /env=prod/);
  assert.match(explain.query.filter, /type=database\.instance/);
  assert.ok(explain.lists.bm25 && explain.lists.bm25.rank >= 1 && explain.lists.bm25.contribution > 0);
  assert.ok(explain.boosts.some((b) => /engine=postgres/.test(b.boost)));
  assert.ok(explain.filters.some((f) => f.from === 'prod'));
});

test('filters alone, filter syntax, --where and negations select exactly what they say', async (t) => {
  const store = await storeFor(t);
  syncInto(store, searchTestEstate());
  const names = async (query: string, where?: string): Promise<string[]> =>
    (await store.search(query, { limit: 50, ...(where ? { where } : {}) })).results
      .map((r) => r.resource.name)
      .sort();

  assert.deepEqual(await names('buckets not encrypted'), ['acme-logs-archive']);
  assert.deepEqual(await names('NOT tag:owner'), ['acme-logs-archive', 'orders-db-01', 'orders-db-dev']);
  assert.deepEqual(await names('VMs in Frankfurt'), ['payments-api-prod-01']);
  assert.deepEqual(await names('postgres', 'cloud:azure OR cloud:gcp'), ['analytics-pg', 'psql-ledger-prod']);
  assert.deepEqual(await names('paymnets'), ['payments-api-prod-01']);
  await assert.rejects(store.search('db', { where: 'env=(prod' }), { code: 'invalid-filter' });
});

test('the index follows syncs: renamed, removed and added resources are found as they now are', async (t) => {
  const store = await storeFor(t);
  const estate = searchTestEstate();
  syncInto(store, estate);
  syncInto(
    store,
    estate.map((r) => (r.name === 'analytics-pg' ? { ...r, name: 'warehouse-pg' } : r)),
  );
  // The Azure database scope lists nothing any more: its server is removed.
  const syncId = store.beginSync();
  const azure = estate.find((r) => r.name === 'psql-ledger-prod')!;
  store.replaceScope(
    { cloud: 'azure', account: azure.account, region: 'global', service: azure.type },
    [],
    syncId,
  );
  store.finishSync(syncId, { apiCalls: 0 });
  const found = async (q: string): Promise<string[]> =>
    (await store.search(q, { limit: 10 })).results.map((r) => r.resource.name);
  assert.deepEqual(await found('warehouse'), ['warehouse-pg']);
  assert.deepEqual(await found('analytics'), []);
  assert.ok(!(await found('ledger postgres')).includes('psql-ledger-prod'));
  assert.deepEqual(store.integrityCheck(), ['ok']);
});

test('with an embedder the vector list joins the fusion, inline or filled after a sync for an async one', async (t) => {
  const builtin = await storeFor(t, hashingEmbedder());
  syncInto(builtin, searchTestEstate());
  const hit = (await builtin.search('payments api', { explain: true })).results[0]!;
  assert.equal(hit.resource.name, 'payments-api-prod-01');
  assert.equal(hit.explain!.lists.vector?.rank, 1);

  // An endpoint-backed provider cannot embed inside the writer's transaction: the first search fills.
  const inner = hashingEmbedder(64);
  let embedded = 0;
  const remote: EmbeddingProvider = {
    id: 'test-remote-64',
    dimensions: 64,
    embed: async (texts, purpose) => {
      if (purpose === 'document') embedded += texts.length;
      return inner.embed(texts, purpose);
    },
  };
  const store = await storeFor(t, remote);
  syncInto(store, searchTestEstate());
  assert.equal(embedded, 0);
  const first = (await store.search('payments api', { explain: true })).results[0]!;
  assert.equal(embedded, searchTestEstate().length);
  assert.ok(first.explain!.lists.vector);
  await store.search('payments api');
  assert.equal(embedded, searchTestEstate().length, 'vectors are embedded once');
});
