import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeRefreshed } from './refresh-writer.ts';
import { openTempStore, testInstance, testScope } from './testing/temp-store.ts';

test('resources an execution changed are written as one change set: changed in place, gone as removed', async (t) => {
  const { store, clock, cleanup } = await openTempStore();
  t.after(cleanup);
  const [a, b, c] = [testInstance('a'), testInstance('b'), testInstance('c')];
  const sync = store.beginSync();
  store.replaceScope(testScope(), [a, b, c], sync);
  store.finishSync(sync, { apiCalls: 1 });
  clock.advance(60_000);

  const stopped = { ...a, state: 'stopped', tags: { ...a.tags, owner: 'ops' } };
  const result = writeRefreshed(
    store,
    [
      { id: a.id, resource: stopped },
      { id: b.id, resource: b },
      { id: c.id, resource: undefined },
      { id: 'never-synced', resource: undefined },
    ],
    clock.now(),
  );
  assert.deepEqual({ ...result, syncId: 0 }, { syncId: 0, changed: 1, removed: 1, unchanged: 1 });
  assert.equal(store.getResource(a.id)?.state, 'stopped');
  assert.equal(store.getResource(a.id)?.tags['owner'], 'ops');
  assert.equal(store.getResource(c.id), undefined, 'a deleted target is no longer live');
  assert.deepEqual(
    store
      .listResources()
      .map((r) => r.id)
      .sort(),
    [a.id, b.id].sort(),
  );
  const history = store.history(a.id);
  const last = history.at(-1);
  assert.equal(last?.kind, 'changed');
  assert.equal(last?.syncId, result.syncId);
  assert.ok(
    last?.changes?.some((f) => f.field === 'state'),
    JSON.stringify(last?.changes),
  );
  assert.equal(store.history(c.id).at(-1)?.kind, 'removed');
  // Found by text search under its new tag.
  assert.ok(store.searchText('ops').some((hit) => hit.resource.id === a.id));
});
