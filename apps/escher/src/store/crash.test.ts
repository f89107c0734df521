import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openTempStore, testInstance, testScope } from './testing/temp-store.ts';

const WRITER = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));
const BASELINE = 1_000;

/** Runs the crash writer until it reports being mid-transaction, then kills it with SIGKILL. */
async function killMidTransaction(path: string, keyHex: string): Promise<{ walBytesAtKill: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path, keyHex, '80000', '60000'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  const paused = await new Promise<boolean>((resolve) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('paused')) resolve(true);
    });
    child.on('exit', () => resolve(false));
  });
  assert.ok(paused, `the writer did not reach the middle of its transaction: ${stderr}`);
  const walBytesAtKill = existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0;
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');
  return { walBytesAtKill };
}

test('kill -9 in the middle of a big replaceScope leaves the previous sync intact and the store healthy', async (t) => {
  const temp = await openTempStore();
  t.after(() => temp.cleanup());
  const baseline = Array.from({ length: BASELINE }, (_, i) => testInstance(`crash-${i}`));
  const first = temp.store.beginSync();
  temp.store.replaceScope(testScope(), baseline, first);
  temp.store.finishSync(first, { apiCalls: 1 });
  temp.store.close();

  const { walBytesAtKill } = await killMidTransaction(temp.path, temp.key.toString('hex'));
  // The child had written uncommitted pages (60,000 resources of ~2 KB, past the page cache).
  assert.ok(
    walBytesAtKill > 8_000_000,
    `expected uncommitted frames in the WAL, found ${walBytesAtKill} bytes`,
  );

  const store = await temp.reopen();
  assert.deepEqual(store.integrityCheck(), ['ok']);
  const resources = store.listResources();
  assert.equal(resources.length, BASELINE, 'none of the killed sync is visible');
  assert.ok(resources.every((r) => r.state === 'running' && !('padding' in r.attributes)));
  assert.deepEqual(
    store.changesSince(0).filter((ch) => ch.syncId !== first),
    [],
  );

  // The killed sync was begun in its own committed transaction; it is now marked interrupted.
  assert.equal(store.interruptStaleSyncs(), 1);
  assert.deepEqual(
    store.recentSyncs().map((s) => s.status),
    ['interrupted', 'succeeded'],
  );

  // And the next sync completes normally.
  const next = store.beginSync();
  const changed = baseline.map((r, i) => (i < 10 ? { ...r, state: 'stopped' } : r));
  const result = store.replaceScope(testScope(), changed, next);
  assert.deepEqual([result.added, result.changed, result.removed], [0, 10, 0]);
  assert.equal(store.finishSync(next, { apiCalls: 1 }).changed, 10);
});
