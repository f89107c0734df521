import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { UserError } from '@escher/protocol';
import { resolveHome } from './escher-home.ts';
import { acquireSyncLock, SYNC_LOCK_FILE } from './sync-lock.ts';

describe('acquireSyncLock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'escher-lock-'));
  const home = resolveHome({ ESCHER_HOME: dir });
  const lockFile = join(dir, SYNC_LOCK_FILE);
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lets one sync at a time hold the home, and frees it on release', () => {
    const first = acquireSyncLock(home);
    assert.equal(first.tookOverStale, false);
    assert.throws(
      () => acquireSyncLock(home),
      (e: unknown) =>
        e instanceof UserError &&
        e.code === 'sync-in-progress' &&
        e.message.includes(`pid ${process.pid}`) &&
        (e.hint ?? '').includes(`kill ${process.pid}`),
    );
    first.release();
    first.release();
    assert.equal(existsSync(lockFile), false);
    acquireSyncLock(home).release();
  });

  it('names the holder to the second sync, and answers the daemon with 409', () => {
    const daemon = acquireSyncLock(home, { by: 'escher daemon' });
    assert.throws(
      () => acquireSyncLock(home, { by: 'escher demo' }),
      (e: unknown) =>
        e instanceof UserError &&
        e.message.includes(`(escher daemon, pid ${process.pid}, since `) &&
        (e.hint ?? '').includes('escher daemon stop') &&
        e.details?.['httpStatus'] === 409,
    );
    daemon.release();
  });

  it('takes over the lock of a process that died, and says so', () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(lockFile, JSON.stringify({ pid: dead, host: hostname(), startedAt: 'then' }));
    const lock = acquireSyncLock(home);
    assert.equal(lock.tookOverStale, true);
    lock.release();
    assert.equal(existsSync(lockFile), false);
  });

  it('treats an empty lock file as a holder still starting, until it is old', () => {
    writeFileSync(lockFile, '');
    assert.throws(() => acquireSyncLock(home), /Another sync is running/);
    rmSync(lockFile);
  });
});
