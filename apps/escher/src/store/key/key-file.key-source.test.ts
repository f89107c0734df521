import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { UserError } from '@escher/protocol';
import { Store } from '../store.ts';
import { ManualClock } from '../testing/temp-store.ts';
import { keyFileKeySource } from './key-file.key-source.ts';

function tempHome(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'escher-key-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'home');
}

test('a new store gets a random 256-bit key file readable by its owner only', async (t) => {
  const home = tempHome(t);
  const keyPath = join(home, 'store.key');
  const key = await keyFileKeySource(keyPath).resolve({
    storePath: join(home, 'store.db'),
    storeExists: false,
  });
  assert.equal(key?.kind, 'raw');
  assert.equal(statSync(keyPath).mode & 0o777, 0o600);
  assert.match(readFileSync(keyPath, 'utf8'), /^[0-9a-f]{64}\n$/);

  const again = await keyFileKeySource(keyPath).resolve({
    storePath: join(home, 'store.db'),
    storeExists: true,
  });
  assert.ok(
    again?.kind === 'raw' && key?.kind === 'raw' && again.bytes.equals(key.bytes),
    'the same key is read back',
  );
});

test('a key file others can read is refused with a chmod hint', async (t) => {
  const home = tempHome(t);
  const keyPath = join(home, 'store.key');
  await keyFileKeySource(keyPath).resolve({ storePath: join(home, 'store.db'), storeExists: false });
  chmodSync(keyPath, 0o644);
  await assert.rejects(
    keyFileKeySource(keyPath).resolve({ storePath: join(home, 'store.db'), storeExists: true }),
    (error: unknown) => {
      assert.ok(error instanceof UserError);
      assert.equal(error.code, 'store-key-file-permissions');
      assert.match(error.message, /0644/);
      assert.equal(error.hint, `Run: chmod 600 ${keyPath}`);
      return true;
    },
  );
  // A store refuses to open with it, too, and says the same.
  const store = new Store({
    path: join(home, 'store.db'),
    keySource: keyFileKeySource(keyPath),
    clock: new ManualClock(),
  });
  await assert.rejects(store.open(), { code: 'store-key-file-permissions' });
});

test('a missing key file is never re-created for an existing store', async (t) => {
  const home = tempHome(t);
  const keyPath = join(home, 'store.key');
  const key = await keyFileKeySource(keyPath).resolve({
    storePath: join(home, 'store.db'),
    storeExists: true,
  });
  assert.equal(key, undefined);
  assert.throws(() => statSync(keyPath), { code: 'ENOENT' });
});

test('a key file that is not a hex key is refused', async (t) => {
  const home = tempHome(t);
  const keyPath = join(home, 'store.key');
  await keyFileKeySource(keyPath).resolve({ storePath: join(home, 'store.db'), storeExists: false });
  writeFileSync(keyPath, 'hunter2\n', { mode: 0o600 });
  await assert.rejects(
    keyFileKeySource(keyPath).resolve({ storePath: join(home, 'store.db'), storeExists: true }),
    {
      code: 'store-key-file-invalid',
    },
  );
});
