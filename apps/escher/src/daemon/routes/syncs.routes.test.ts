import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { DAEMON_OPERATIONS, OperationalError, UserError, type SyncStartResponse } from '@escher/protocol';
import { addAccount, openAccountSecrets } from '../../cli/accounts-file.ts';
import { acquireSyncLock } from '../../cli/sync-lock.ts';
import { testInstance, testScope } from '../../store/testing/index.ts';
import { createTestDaemon, type TestDaemon } from '../daemon.testing.ts';
import type { SyncRunner } from '../sync-jobs.ts';

/** A runner that records a real sync in the store and waits for the test to let it finish. */
function gatedRunner(d: () => TestDaemon): {
  runner: SyncRunner;
  finish(): void;
  calls: { account?: string }[];
} {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const calls: { account?: string }[] = [];
  const runner: SyncRunner = async ({ account, signal, onSyncStarted, onProgress }) => {
    calls.push(account ? { account } : {});
    const { store } = d().temp;
    const syncId = store.beginSync();
    onSyncStarted(syncId);
    onProgress({ kind: 'account-planned', cloud: 'aws', account: '111122223333', scopes: 2 });
    onProgress({ kind: 'api-call', cloud: 'aws', account: '111122223333', outcome: 'ok', at: 0 });
    await Promise.race([gate, new Promise((resolve) => signal.addEventListener('abort', resolve))]);
    if (signal.aborted) {
      store.finishSync(syncId, { apiCalls: 1 });
      throw new OperationalError('scan-cancelled', 'The scan was cancelled; completed scopes were saved');
    }
    store.replaceScope(testScope(), [testInstance('api-1'), testInstance('new-1')], syncId);
    return store.finishSync(syncId, { apiCalls: 3 });
  };
  return { runner, finish: () => open(), calls };
}

describe('background syncs', () => {
  let d: TestDaemon | undefined;
  afterEach(() => d?.cleanup());

  const post = async (body?: object): Promise<{ status: number; json: SyncStartResponse }> => {
    const res = await d!.request('/api/v1/syncs', {
      method: 'POST',
      ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
    return { status: res.status, json: (await res.json()) as SyncStartResponse };
  };

  it('starts one sync (202), joins it on a second request (200, same id), then runs a new one', async () => {
    const gated = gatedRunner(() => d!);
    d = await createTestDaemon({ runSync: gated.runner });
    const first = await post({ account: 'prod-aws' });
    assert.equal(first.status, 202);
    assert.equal(first.json.started, true);
    assert.equal(first.json.sync.status, 'running');
    const [second, third] = await Promise.all([post(), post({ account: 'other' })]);
    assert.deepEqual(
      [second.status, second.json.started, second.json.sync.id],
      [200, false, first.json.sync.id],
    );
    assert.equal(third.json.sync.id, first.json.sync.id);
    assert.deepEqual(gated.calls, [{ account: 'prod-aws' }], 'only one sync ran');

    const running = await d.client.call(DAEMON_OPERATIONS.getSync, { params: { id: first.json.sync.id } });
    assert.deepEqual(running.progress, {
      scopesPlanned: 2,
      scopesDone: 0,
      scopesFailed: 0,
      resources: 0,
      apiCalls: 1,
    });
    const status = await d.client.call(DAEMON_OPERATIONS.getStatus);
    assert.equal(status.runningSync?.id, first.json.sync.id);

    gated.finish();
    await d.syncIdle();
    const done = await d.client.call(DAEMON_OPERATIONS.getSync, { params: { id: first.json.sync.id } });
    assert.equal(done.status, 'succeeded');
    assert.equal(done.progress, undefined);
    assert.deepEqual([done.summary?.added, done.summary?.changed], [1, 1]);
    assert.equal((await d.client.call(DAEMON_OPERATIONS.getStatus)).runningSync, null);

    const next = await post();
    assert.equal(next.status, 202);
    assert.ok(next.json.sync.id > first.json.sync.id);
    await d.syncIdle();
  });

  it('answers a failure before the sync starts on the request itself (no accounts → 400)', async () => {
    d = await createTestDaemon({
      runSync: () =>
        Promise.reject(new UserError('no-accounts', 'No accounts to sync', { hint: 'escher accounts add' })),
    });
    const res = await d.request('/api/v1/syncs', { method: 'POST' });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), {
      error: { code: 'no-accounts', message: 'No accounts to sync', hint: 'escher accounts add' },
    });
  });

  it('takes the same sync lock as `escher sync`: while another holds it, 409 naming the holder', async () => {
    d = await createTestDaemon();
    const secrets = await openAccountSecrets(d.home, d.temp.store);
    addAccount(
      secrets,
      {
        name: 'aws-one',
        cloud: 'aws',
        endpoint: 'http://127.0.0.1:9',
        credentials: { kind: 'keys', accessKeyId: 'AKIAESCHERLOCKTEST01' },
        addedAt: new Date().toISOString(),
      },
      { secretAccessKey: 'lock-test' },
    );
    const held = acquireSyncLock(d.home, { by: 'escher sync' });
    try {
      const res = await d.request('/api/v1/syncs', { method: 'POST' });
      assert.equal(res.status, 409);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      assert.equal(error.code, 'sync-in-progress');
      assert.match(error.message, new RegExp(`\\(escher sync, pid ${process.pid}, since `));
      assert.equal((await d.client.call(DAEMON_OPERATIONS.getStatus)).runningSync, null);
    } finally {
      held.release();
    }
  });

  it('keeps the error of a sync that failed after it started, for GET /syncs/{id}', async () => {
    const { store } = (d = await createTestDaemon({
      runSync: async ({ onSyncStarted }) => {
        const id = d!.temp.store.beginSync();
        onSyncStarted(id);
        d!.temp.store.finishSync(id, { apiCalls: 0 });
        throw new OperationalError('disk-full', 'The store could not be written', {
          hint: 'Free some space',
        });
      },
    })).temp;
    const { json } = await post();
    await d.syncIdle();
    const sync = await d.client.call(DAEMON_OPERATIONS.getSync, { params: { id: json.sync.id } });
    assert.deepEqual(sync.error, {
      code: 'disk-full',
      message: 'The store could not be written',
      hint: 'Free some space',
    });
    assert.ok(store.isOpen);
  });

  it('cancels a running sync at shutdown; the sync record is closed, not left running', async () => {
    const gated = gatedRunner(() => d!);
    d = await createTestDaemon({ runSync: gated.runner });
    const { json } = await post();
    await d.stopSync();
    const sync = d.temp.store.getSync(json.sync.id);
    assert.notEqual(sync?.status, 'running');
    const dto = await d.client.call(DAEMON_OPERATIONS.getSync, { params: { id: json.sync.id } });
    assert.equal(dto.error?.code, 'scan-cancelled');
  });
});
