import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import { SYNC_LOCK_FILE } from './sync-lock.ts';
import {
  countsOf,
  createCliHarness,
  duplicateIds,
  initWithSimAccounts,
  manifestCounts,
  manifestTotal,
  setSimFaults,
  type CliHarness,
  type SyncSummaryJson,
} from './testing/cli-harness.ts';

/** Scopes the killed sync must have written before the kill. */
const SCOPES_BEFORE_KILL = 6;
/** One cloud is enough to crash a sync, and keeps the file fast. */
const CLOUDS = ['aws'] as const;

// `kill -9` in the middle of a sync, through the real `escher` command: the next commands must
// open the store, find it sound, know the killed sync was interrupted, and finish the estate.
describe('escher sync killed with SIGKILL mid-sync', () => {
  let sim: SimTarget;
  let h: CliHarness;
  let partial: number;
  let walAtKill: Buffer;
  let partialNames: string[];
  let total: number;

  before(async () => {
    sim = await startSimProcess(['--seed', '13', '--size', 'small']);
    h = createCliHarness({ prefix: 'escher-crash-' });
    await initWithSimAccounts(h, sim, 'crash-test-secret', CLOUDS);
    total = manifestTotal(sim.manifest, CLOUDS);
    // Slow calls stretch the sync, so it is frozen while scopes are still being written.
    await setSimFaults(sim, { latencyMs: 100 });
  });
  after(async () => {
    await sim?.stop();
    h?.cleanup();
  });

  it('refuses a second sync while one runs, then dies by SIGKILL after writing some scopes', async () => {
    const child = h.spawn('sync');
    const exited = once(child, 'exit');
    try {
      const done = await scopesWritten(child, SCOPES_BEFORE_KILL);
      assert.equal(done.length, SCOPES_BEFORE_KILL, 'progress lines name finished scopes');
      // Frozen where it stands, so the sync is surely still running while the second one tries;
      // SIGKILL then ends it without running another instruction, exactly like kill -9 now.
      child.kill('SIGSTOP');

      const second = await h.run('sync', '--json');
      // The user's to resolve (wait or stop the holder): exit 1, with a hint naming how.
      assert.equal(second.code, 1, second.stderr);
      assert.equal(second.stdout, '');
      assert.match(second.stderr, /hint: Wait for escher sync \(pid \d+\) to finish, or stop it/);
      assert.match(second.stderr, /^escher: Another sync is running .*\(pid \d+/);
      assert.equal(second.stderr.trim().split('\n').length, 1);

      child.kill('SIGKILL');
      const [code, signal] = (await exited) as [number | null, string | null];
      assert.deepEqual([code, signal], [null, 'SIGKILL']);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    const wal = `${h.home.storeFile}-wal`;
    assert.ok(existsSync(wal), 'the killed process left its write-ahead log');
    walAtKill = readFileSync(wal);
    assert.ok(existsSync(join(h.home.dir, SYNC_LOCK_FILE)), 'the dead sync left its lock behind');
  });

  it('the next command opens the store: sound, with the scopes written before the kill', async () => {
    const list = await h.list();
    partial = list.count;
    partialNames = list.resources.map((r) => r.name).filter((n) => n.length >= 8);
    assert.ok(partial > 0, 'scopes committed before the kill are kept');
    assert.ok(partial < total, 'the kill landed before the sync finished');
    assert.deepEqual(duplicateIds(list.resources), []);

    const store = await h.openStore();
    try {
      assert.deepEqual(store.integrityCheck(), ['ok']);
      assert.equal(store.recentSyncs(1)[0]?.status, 'running', 'nobody has marked it yet');
    } finally {
      store.close();
    }
  });

  it('the next sync marks the killed one interrupted and completes the estate exactly once', async () => {
    await setSimFaults(sim, {});
    const summary = await h.json<SyncSummaryJson>('sync');
    assert.deepEqual(summary.errors, []);
    assert.equal(summary.resources, total);
    assert.equal(summary.removed, 0);
    assert.equal(summary.added + partial, total, 'only what was missing is added');

    const list = await h.list();
    assert.deepEqual(duplicateIds(list.resources), []);
    assert.deepEqual(countsOf(list.resources), manifestCounts(sim.manifest, CLOUDS));
    assert.ok(!existsSync(join(h.home.dir, SYNC_LOCK_FILE)), 'a finished sync releases its lock');

    const store = await h.openStore();
    try {
      assert.deepEqual(store.integrityCheck(), ['ok']);
      const [latest, killed] = store.recentSyncs(2);
      assert.equal(latest?.status, 'succeeded');
      assert.equal(killed?.status, 'interrupted');
      assert.ok(killed?.finishedAt, 'an interrupted sync gets an end time');
    } finally {
      store.close();
    }
  });

  it('left a write-ahead log as encrypted as the database: no name it wrote is readable', () => {
    assert.ok(walAtKill.length > 0 && partialNames.length > 0);
    for (const name of partialNames) {
      assert.ok(!walAtKill.includes(name), `the WAL holds '${name}' in plain text`);
    }
  });
});

/** Reads a non-TTY sync's progress lines until `count` scopes are reported written. */
async function scopesWritten(child: ChildProcess, count: number): Promise<string[]> {
  const lines = createInterface({ input: child.stderr! });
  const done: string[] = [];
  for await (const line of lines) {
    // `aws 123456789012 us-east-1 ec2: 12 resources (+12 ~0 -0)`: one line per scope replaced.
    if (/^\S+ \S+ \S+ \S+: \d+ resources \(/.test(line)) done.push(line);
    if (done.length >= count) break;
  }
  lines.close();
  // Keep draining, so the child never blocks on a full pipe before it is killed.
  child.stderr!.resume();
  child.stdout!.resume();
  return done;
}
