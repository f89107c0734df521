import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnexpectedError } from '@escher/protocol';
import { openTempStore, testInstance, testScope } from '../testing/temp-store.ts';

const scope = testScope();

test('a first sync adds everything; a second reports exactly what was added, changed (field by field) and removed', async (t) => {
  const { store, clock, cleanup } = await openTempStore();
  t.after(cleanup);
  const a = testInstance('a');
  const b = testInstance('b');
  const c = testInstance('c');

  const first = store.beginSync();
  assert.deepEqual(store.replaceScope(scope, [a, b, c], first), {
    resources: 3,
    added: 3,
    changed: 0,
    removed: 0,
    unchanged: 0,
    duplicates: 0,
    moved: 0,
  });
  clock.advance(1_000);
  const firstSummary = store.finishSync(first, { apiCalls: 4 });
  assert.deepEqual(firstSummary, {
    syncId: first,
    resources: 3,
    added: 3,
    changed: 0,
    removed: 0,
    errors: [],
    apiCalls: 4,
    durationMs: 1_000,
  });

  clock.advance(60_000);
  const secondAt = new Date(clock.now()).toISOString();
  const second = store.beginSync();
  const aStopped = { ...a, state: 'stopped', tags: { ...a.tags, owner: 'bo', ticket: 'OPS-1' } };
  const d = testInstance('d');
  const result = store.replaceScope(scope, [aStopped, b, d], second);
  assert.deepEqual(result, {
    resources: 3,
    added: 1,
    changed: 1,
    removed: 1,
    unchanged: 1,
    duplicates: 0,
    moved: 0,
  });
  const summary = store.finishSync(second, { apiCalls: 2 });
  assert.equal(summary.resources, 3);
  assert.deepEqual([summary.added, summary.changed, summary.removed], [1, 1, 1]);

  assert.deepEqual(
    store.changesSince(secondAt).map((ch) => [ch.kind, ch.resourceId]),
    [
      ['changed', a.id],
      ['removed', c.id],
      ['added', d.id],
    ],
  );
  assert.deepEqual(store.history(a.id), [
    { resourceId: a.id, syncId: first, kind: 'added', at: '2026-11-21T09:00:00.000Z' },
    {
      resourceId: a.id,
      syncId: second,
      kind: 'changed',
      at: secondAt,
      changes: [
        { field: 'state', before: 'running', after: 'stopped' },
        { field: 'tags.owner', before: 'ana', after: 'bo' },
        { field: 'tags.ticket', after: 'OPS-1' },
      ],
    },
  ]);
  // A removed resource is gone from listings but keeps its history.
  assert.equal(store.getResource(c.id), undefined);
  assert.deepEqual(
    store.history(c.id).map((ch) => ch.kind),
    ['added', 'removed'],
  );
  assert.deepEqual(
    store.listResources({ changedSince: secondAt }).map((r) => r.name),
    ['a', 'd'],
  );
  assert.deepEqual(
    store.listResources().map((r) => r.name),
    ['a', 'b', 'd'],
  );
});

test('a failed scope keeps its resources, reports the error, and nothing is called removed', async (t) => {
  const { store, cleanup } = await openTempStore();
  t.after(cleanup);
  const west = testScope({ region: 'us-west-2' });
  const first = store.beginSync();
  store.replaceScope(scope, [testInstance('east-1')], first);
  store.replaceScope(
    west,
    [testInstance('west-1', { region: 'us-west-2' }), testInstance('west-2', { region: 'us-west-2' })],
    first,
  );
  store.finishSync(first, { apiCalls: 2 });

  const second = store.beginSync();
  store.replaceScope(scope, [testInstance('east-1')], second);
  store.markScopeFailed(west, { name: 'RequestLimitExceeded', message: 'Request limit exceeded.' }, second);
  const summary = store.finishSync(second, { apiCalls: 9 });

  assert.deepEqual(summary.errors, [
    {
      cloud: 'aws',
      account: '111122223333',
      region: 'us-west-2',
      service: 'ec2',
      code: 'RequestLimitExceeded',
      message: 'Request limit exceeded.',
    },
  ]);
  assert.equal(summary.removed, 0);
  assert.equal(summary.resources, 1);
  assert.deepEqual(
    store.listResources({ region: 'us-west-2' }).map((r) => r.name),
    ['west-1', 'west-2'],
  );
  assert.equal(store.getSync(second)?.status, 'partial');
  assert.equal(store.getSync(first)?.status, 'succeeded');
});

test('a resource that vanishes and comes back is added again, with its whole history', async (t) => {
  const { store, cleanup } = await openTempStore();
  t.after(cleanup);
  const a = testInstance('a');
  for (const listing of [[a], [], [{ ...a, state: 'stopped' }]]) {
    const syncId = store.beginSync();
    store.replaceScope(scope, listing, syncId);
    store.finishSync(syncId, { apiCalls: 1 });
  }
  assert.deepEqual(
    store.history(a.id).map((ch) => ch.kind),
    ['added', 'removed', 'added'],
  );
  assert.equal(store.getResource(a.id)?.state, 'stopped');
  assert.equal(store.searchText('a').length, 1);
});

test('listResources filters by type, cloud, account, region, environment, state, tags and ids', async (t) => {
  const { store, cleanup } = await openTempStore();
  t.after(cleanup);
  const syncId = store.beginSync();
  store.replaceScope(
    scope,
    [
      testInstance('api-prod', { environment: 'prod', tags: { env: 'prod', team: 'payments' } }),
      testInstance('api-dev', { state: 'stopped', tags: { env: 'dev', team: 'payments' } }),
      testInstance('db-prod', {
        type: 'database.instance',
        nativeType: 'AWS::RDS::DBInstance',
        environment: 'prod',
        state: 'available',
        tags: { env: 'prod', team: 'ledger' },
      }),
    ],
    syncId,
  );
  store.replaceScope(
    testScope({ cloud: 'gcp', account: 'acme-prod', region: 'us-central1', service: 'compute' }),
    [
      testInstance('vm-1', {
        id: '//compute.googleapis.com/projects/acme-prod/zones/us-central1-a/instances/vm-1',
        cloud: 'gcp',
        account: 'acme-prod',
        region: 'us-central1',
        nativeType: 'compute.googleapis.com/Instance',
      }),
    ],
    syncId,
  );
  store.finishSync(syncId, { apiCalls: 2 });
  const names = (filter: Parameters<typeof store.listResources>[0]): string[] =>
    store.listResources(filter).map((r) => r.name);

  assert.deepEqual(names({ type: 'compute.instance', cloud: 'aws' }), ['api-dev', 'api-prod']);
  assert.deepEqual(names({ environment: 'prod' }), ['api-prod', 'db-prod']);
  assert.deepEqual(names({ state: ['stopped', 'available'] }), ['api-dev', 'db-prod']);
  assert.deepEqual(names({ tags: { team: 'payments', env: 'prod' } }), ['api-prod']);
  assert.deepEqual(names({ tags: { team: '*' }, region: 'us-east-1' }), ['api-dev', 'api-prod', 'db-prod']);
  assert.deepEqual(names({ account: 'acme-prod' }), ['vm-1']);
  assert.deepEqual(names({ ids: [testInstance('api-dev').id, 'nope'] }), ['api-dev']);
  assert.deepEqual(names({ limit: 1, offset: 1 }), ['api-prod']);
  // The resource round-trips exactly.
  const vm = store.listResources({ cloud: 'gcp' })[0];
  assert.equal(
    vm?.nativeId,
    '//compute.googleapis.com/projects/acme-prod/zones/us-central1-a/instances/vm-1',
  );
  assert.deepEqual(vm?.attributes, { size: 't3.micro', public: false });
});

test("writes need a running sync and resources of the scope's cloud", async (t) => {
  const { store, cleanup } = await openTempStore();
  t.after(cleanup);
  const syncId = store.beginSync();
  assert.throws(
    () =>
      store.replaceScope(
        scope,
        [testInstance('ok'), testInstance('x', { cloud: 'gcp', id: 'projects/p/instances/x' })],
        syncId,
      ),
    (error: unknown) => error instanceof UnexpectedError && error.code === 'store-scope-cloud-mismatch',
  );
  // The failed transaction wrote nothing.
  assert.equal(store.listResources().length, 0);
  store.finishSync(syncId, { apiCalls: 0 });
  assert.throws(() => store.replaceScope(scope, [], syncId), { code: 'store-sync-not-running' });
});

test('repeated ids in one listing count once', async (t) => {
  const { store, cleanup } = await openTempStore();
  t.after(cleanup);
  const syncId = store.beginSync();
  const result = store.replaceScope(
    scope,
    [testInstance('a'), testInstance('a', { state: 'stopped' })],
    syncId,
  );
  assert.equal(result.added, 1);
  assert.equal(result.duplicates, 1);
  assert.equal(store.getResource(testInstance('a').id)?.state, 'running');
});
