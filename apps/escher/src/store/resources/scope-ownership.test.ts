import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Resource } from '@escher/protocol';
import { openTempStore, testInstance, testScope } from '../testing/temp-store.ts';

function bucket(name: string, region: string, account = '111122223333'): Resource {
  const id = `arn:aws:s3:::${name}`;
  return {
    id,
    nativeId: id,
    cloud: 'aws',
    account,
    region,
    type: 'storage.bucket',
    nativeType: 'AWS::S3::Bucket',
    name,
    tags: { team: 'data' },
    attributes: { public: false },
    relationships: [],
  };
}

const s3Global = testScope({ region: 'global', service: 's3' });

test('a global scope owns resources of several regions, in one listing, and they keep their own region', async (t) => {
  const { store, cleanup } = await openTempStore();
  t.after(cleanup);
  const first = store.beginSync();
  const result = store.replaceScope(
    s3Global,
    [bucket('logs', 'us-east-1'), bucket('backups', 'eu-west-1'), bucket('assets', 'ap-southeast-2')],
    first,
  );
  assert.deepEqual([result.resources, result.added], [3, 3]);
  store.finishSync(first, { apiCalls: 1 });
  assert.deepEqual(
    store.listResources({ region: 'eu-west-1' }).map((r) => r.name),
    ['backups'],
  );

  const second = store.beginSync();
  const again = store.replaceScope(
    s3Global,
    [bucket('logs', 'us-east-1'), bucket('assets', 'ap-southeast-2')],
    second,
  );
  assert.deepEqual([again.added, again.changed, again.removed, again.unchanged], [0, 0, 1, 2]);
  assert.equal(store.finishSync(second, { apiCalls: 1 }).removed, 1);
  assert.equal(store.getResource(bucket('backups', 'eu-west-1').id), undefined);
});

test('an import scope owns resources of several real accounts', async (t) => {
  const { store, cleanup } = await openTempStore();
  t.after(cleanup);
  const importScope = testScope({ account: 'prod-config', region: 'global', service: 'import:aws-config' });
  const syncId = store.beginSync();
  store.replaceScope(
    importScope,
    [bucket('a-logs', 'us-east-1', '111111111111'), bucket('b-logs', 'eu-west-1', '222222222222')],
    syncId,
  );
  const summary = store.finishSync(syncId, { apiCalls: 0 });
  assert.deepEqual([summary.resources, summary.added, summary.errors], [2, 2, []]);
  assert.deepEqual(
    store.listResources({ account: '222222222222' }).map((r) => r.name),
    ['b-logs'],
  );
});

test('a resource listed by another scope moves there: changed only if it changed, never removed and added', async (t) => {
  const { store, clock, cleanup } = await openTempStore();
  t.after(cleanup);
  // As the old per-region workaround wrote S3: one scope per region.
  const s3East = testScope({ region: 'us-east-1', service: 's3' });
  const first = store.beginSync();
  store.replaceScope(s3East, [bucket('logs', 'us-east-1'), bucket('www', 'us-east-1')], first);
  store.finishSync(first, { apiCalls: 1 });

  clock.advance(60_000);
  const second = store.beginSync();
  const moved = store.replaceScope(
    s3Global,
    [bucket('logs', 'us-east-1'), { ...bucket('www', 'us-east-1'), tags: { team: 'web' } }],
    second,
  );
  assert.deepEqual([moved.moved, moved.added, moved.changed, moved.unchanged], [2, 0, 1, 1]);
  // The old scope, listed empty now, no longer owns them: nothing is removed.
  assert.equal(store.replaceScope(s3East, [], second).removed, 0);
  const summary = store.finishSync(second, { apiCalls: 1 });
  assert.deepEqual([summary.added, summary.changed, summary.removed], [0, 1, 0]);
  assert.deepEqual(
    store.history(bucket('www', 'us-east-1').id).map((c) => [c.kind, c.changes?.map((f) => f.field)]),
    [
      ['added', undefined],
      ['changed', ['tags.team']],
    ],
  );
  assert.deepEqual(
    store.history(bucket('logs', 'us-east-1').id).map((c) => c.kind),
    ['added'],
  );
  assert.equal(store.searchText('www')[0]?.resource.name, 'www');
});

test('a move within one sync takes back the removal the old scope recorded', async (t) => {
  const { store, cleanup } = await openTempStore();
  t.after(cleanup);
  const s3East = testScope({ region: 'us-east-1', service: 's3' });
  const first = store.beginSync();
  store.replaceScope(s3East, [bucket('logs', 'us-east-1'), bucket('www', 'us-east-1')], first);
  store.finishSync(first, { apiCalls: 1 });

  const second = store.beginSync();
  // The old owner is written first and no longer lists 'logs'…
  assert.equal(store.replaceScope(s3East, [bucket('www', 'us-east-1')], second).removed, 1);
  // …which the new owner lists, unchanged.
  const result = store.replaceScope(s3Global, [bucket('logs', 'us-east-1')], second);
  assert.deepEqual([result.moved, result.added, result.changed, result.unchanged], [1, 0, 0, 1]);
  const summary = store.finishSync(second, { apiCalls: 1 });
  assert.deepEqual([summary.added, summary.changed, summary.removed], [0, 0, 0]);
  assert.deepEqual(
    store.history(bucket('logs', 'us-east-1').id).map((c) => c.kind),
    ['added'],
  );
  assert.equal(store.getResource(bucket('logs', 'us-east-1').id)?.name, 'logs');
  assert.equal(store.searchText('logs')[0]?.resource.name, 'logs');
  assert.deepEqual(store.integrityCheck(), ['ok']);
});

test('a move stays searchable when the search index stepped between the old scope and the new', async (t) => {
  const { store, cleanup } = await openTempStore();
  t.after(cleanup);
  const moved = testInstance('zeta-worker');
  let syncId = store.beginSync();
  store.replaceScope(testScope({ service: 'old' }), [moved], syncId);
  store.finishSync(syncId, { apiCalls: 1 });

  syncId = store.beginSync();
  store.replaceScope(testScope({ service: 'old' }), [], syncId);
  // What the store's own index steps do between scopes of a running sync.
  store.refreshSearchIndex();
  const result = store.replaceScope(testScope({ service: 'new' }), [moved], syncId);
  const summary = store.finishSync(syncId, { apiCalls: 1 });

  assert.deepEqual([result.moved, summary.removed, summary.added], [1, 0, 0]);
  const found = await store.search('zeta');
  assert.deepEqual(
    found.results.map((hit) => hit.resource.id),
    [moved.id],
  );
  assert.deepEqual(store.integrityCheck(), ['ok']);
});
