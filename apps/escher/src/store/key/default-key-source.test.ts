import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { UserError } from '@escher/protocol';
import { Store } from '../store.ts';
import { ManualClock } from '../testing/temp-store.ts';
import { defaultKeySource } from './default-key-source.ts';
import { keychainKeySource, type KeychainEntry, type KeychainOpener } from './keychain.key-source.ts';

function tempHome(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'escher-key-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A keychain held in a Map, as a desktop's would be. */
function fakeKeychain(): { open: KeychainOpener; entries: Map<string, string> } {
  const entries = new Map<string, string>();
  const open: KeychainOpener = (service, account) => {
    const name = `${service}/${account}`;
    const entry: KeychainEntry = {
      getPassword: () => entries.get(name) ?? null,
      setPassword: (password) => void entries.set(name, password),
    };
    return entry;
  };
  return { open, entries };
}

const noKeychain: KeychainOpener = () => {
  throw new UserError('no-keychain', 'Platform secure storage failure: no Secret Service');
};

test('with a keychain, the key lives there and no key file is written', async (t) => {
  const home = tempHome(t);
  const keychain = fakeKeychain();
  const make = (): Store =>
    new Store({
      path: join(home, 'store.db'),
      keySource: defaultKeySource({ home, env: {}, keychain: keychain.open }),
      clock: new ManualClock(),
    });
  const first = make();
  await first.open();
  first.close();
  assert.equal(keychain.entries.size, 1);
  assert.match([...keychain.entries.keys()][0] ?? '', /^escher\/store:.*store\.db$/);
  assert.throws(() => statSync(join(home, 'store.key')), { code: 'ENOENT' });

  const second = make();
  await second.open();
  second.close();
});

test('without a keychain, ESCHER_PASSPHRASE is used quietly, then a 0600 key file', async (t) => {
  const home = tempHome(t);
  const withPassphrase = new Store({
    path: join(home, 'a.db'),
    keySource: defaultKeySource({ home, env: { ESCHER_PASSPHRASE: 'pass' }, keychain: noKeychain }),
    clock: new ManualClock(),
  });
  await withPassphrase.open();
  withPassphrase.close();
  assert.throws(() => statSync(join(home, 'store.key')), { code: 'ENOENT' });

  const withKeyFile = new Store({
    path: join(home, 'b.db'),
    keySource: defaultKeySource({ home, env: {}, keychain: noKeychain }),
    clock: new ManualClock(),
  });
  await withKeyFile.open();
  withKeyFile.close();
  assert.equal(statSync(join(home, 'store.key')).mode & 0o777, 0o600);
});

test('the real keychain probe answers quietly: a key, or nothing, never an error', async () => {
  // storeExists: true makes the probe read-only, so a developer's real keychain is never written.
  const key = await keychainKeySource().resolve({
    storePath: '/nonexistent/escher-probe.db',
    storeExists: true,
  });
  assert.equal(key, undefined);
});

test('an existing store whose key is nowhere is store-key-unavailable, with where it looked', async (t) => {
  const home = tempHome(t);
  const keySource = defaultKeySource({ home, env: { ESCHER_PASSPHRASE: 'pass' }, keychain: noKeychain });
  const store = new Store({ path: join(home, 'store.db'), keySource, clock: new ManualClock() });
  await store.open();
  store.close();

  const lost = new Store({
    path: join(home, 'store.db'),
    keySource: defaultKeySource({ home, env: {}, keychain: noKeychain }),
    clock: new ManualClock(),
  });
  await assert.rejects(lost.open(), (error: unknown) => {
    assert.ok(error instanceof UserError);
    assert.equal(error.code, 'store-key-unavailable');
    assert.match(error.hint ?? '', /OS keychain; ESCHER_PASSPHRASE; key file/);
    return true;
  });
});
