import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openTempStore, testInstance, testScope } from '../testing/temp-store.ts';

test('a misspelt word, a tag value or a part of a name finds the resource, best match first', async (t) => {
  const { store, cleanup } = await openTempStore();
  t.after(cleanup);
  const syncId = store.beginSync();
  store.replaceScope(
    testScope(),
    [
      testInstance('payments-api-prod-01', { tags: { env: 'prod', owner: 'ana.silva' } }),
      testInstance('checkout-web-prod-01', { tags: { env: 'prod', owner: 'bo.chen' } }),
      testInstance('search-indexer-dev-02', { tags: { env: 'dev', owner: 'carla.diaz' } }),
      testInstance('gateway-edge-staging', { tags: { env: 'staging', owner: 'dev.patel' } }),
    ],
    syncId,
  );
  store.finishSync(syncId, { apiCalls: 1 });

  // "paymnets": transposed letters, corrected towards the estate's word "payments".
  assert.equal(store.searchText('paymnets')[0]?.resource.name, 'payments-api-prod-01');
  // A fragment of a tag value, misspelt, in capitals.
  assert.equal(store.searchText('CARLA DIAS')[0]?.resource.name, 'search-indexer-dev-02');
  // A plain substring.
  assert.equal(store.searchText('indexer')[0]?.resource.name, 'search-indexer-dev-02');
  // A prefix of a word.
  assert.equal(store.searchText('gatew')[0]?.resource.name, 'gateway-edge-staging');
  // No word matches: names containing the text.
  assert.deepEqual(
    store.searchText('kout-w').map((hit) => hit.resource.name),
    ['checkout-web-prod-01'],
  );
  assert.deepEqual(store.searchText('zzzzqqq'), []);
});

test('renamed and removed resources leave the text index consistent', async (t) => {
  const { store, cleanup } = await openTempStore();
  t.after(cleanup);
  const a = testInstance('alpha-service');
  const b = testInstance('bravo-service');
  let syncId = store.beginSync();
  store.replaceScope(testScope(), [a, b], syncId);
  store.finishSync(syncId, { apiCalls: 1 });

  syncId = store.beginSync();
  store.replaceScope(testScope(), [{ ...a, name: 'zulu-service' }], syncId);
  store.finishSync(syncId, { apiCalls: 1 });

  assert.equal(store.searchText('zulu')[0]?.resource.id, a.id);
  assert.deepEqual(store.searchText('alpha'), []);
  assert.deepEqual(store.searchText('bravo'), []);
  assert.deepEqual(store.integrityCheck(), ['ok']);
});
