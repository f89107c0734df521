import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { resolveHome } from '../escher-home.ts';
import { acquireSyncLock } from '../sync-lock.ts';
import { createCliHarness } from '../testing/cli-harness.ts';

describe('escher demo and the sync lock', () => {
  const h = createCliHarness({ prefix: 'escher-demo-lock-' });
  after(() => h.cleanup());

  it('refuses to sync a home where another sync runs, naming it, before starting anything', async () => {
    const dir = join(h.dir, 'demo-home');
    mkdirSync(dir, { recursive: true });
    const held = acquireSyncLock(resolveHome({ ESCHER_HOME: dir }), { by: 'escher daemon' });
    try {
      const r = await h.run('demo', '--home', dir, '--no-wait', '--port', '0');
      // The user's to resolve (a UserError): exit 1, with how to wait for or stop the holder.
      assert.equal(r.code, 1, r.stderr);
      assert.match(
        r.stderr,
        new RegExp(`Another sync is running in .*\\(escher daemon, pid ${process.pid}, since `),
      );
      assert.match(r.stderr, /escher daemon stop/);
      assert.doesNotMatch(r.stderr, /Starting the simulator/);
    } finally {
      held.release();
    }
  });
});
