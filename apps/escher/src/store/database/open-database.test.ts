import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { UserError } from '@escher/protocol';
import { randomBytes } from 'node:crypto';
import { passphraseKeySource } from '../key/passphrase.key-source.ts';
import { staticKeySource } from '../key/static.key-source.ts';
import { Store } from '../store.ts';
import { openTempStore, testInstance, testScope } from '../testing/temp-store.ts';

const CANARY_NAME = 'canary-name-7f3a9c1e';
const CANARY_TAG = 'canary-tag-value-b52d04aa';
const CANARY_ATTRIBUTE = 'canary-attribute-e61c7d28';

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

test('the store file holds no plaintext: canary name, tag and attribute are absent from the raw bytes', async (t) => {
  const temp = await openTempStore();
  t.after(() => temp.cleanup());
  const syncId = temp.store.beginSync();
  const canary = testInstance(CANARY_NAME, {
    tags: { secret: CANARY_TAG, env: 'prod' },
    attributes: { note: CANARY_ATTRIBUTE },
  });
  const others = Array.from({ length: 200 }, (_, i) => testInstance(`filler-${i}`));
  temp.store.replaceScope(testScope(), [canary, ...others], syncId);
  temp.store.finishSync(syncId, { apiCalls: 1 });

  // While open, the WAL holds the latest pages: it must be encrypted too.
  const wal = `${temp.path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    const walBytes = readFileSync(wal);
    for (const canaryText of [CANARY_NAME, CANARY_TAG, CANARY_ATTRIBUTE]) {
      assert.equal(walBytes.includes(canaryText), false, `${canaryText} found in the WAL`);
    }
  }
  temp.store.close();

  const bytes = readFileSync(temp.path);
  assert.ok(bytes.length > 100_000, 'the file holds the data');
  for (const canaryText of [
    CANARY_NAME,
    CANARY_TAG,
    CANARY_ATTRIBUTE,
    'arn:aws:ec2',
    'CREATE TABLE',
    'compute.instance',
  ]) {
    assert.equal(bytes.includes(canaryText), false, `${canaryText} found in the store file`);
    assert.equal(bytes.includes(Buffer.from(canaryText, 'utf16le')), false);
  }
  assert.equal(bytes.subarray(0, 16).toString('latin1').startsWith('SQLite format 3'), false);

  // And the data is all there with the right key.
  const again = await temp.reopen();
  assert.equal(again.getResource(canary.id)?.tags['secret'], CANARY_TAG);
});

test('a wrong key is refused with store-key-invalid and the file is left byte for byte unchanged', async (t) => {
  const temp = await openTempStore();
  t.after(() => temp.cleanup());
  const syncId = temp.store.beginSync();
  temp.store.replaceScope(testScope(), [testInstance('keep-me')], syncId);
  temp.store.finishSync(syncId, { apiCalls: 1 });
  temp.store.close();
  const before = sha256(temp.path);

  const wrong = new Store({
    path: temp.path,
    keySource: staticKeySource({ kind: 'raw', bytes: randomBytes(32) }),
    clock: temp.clock,
  });
  await assert.rejects(wrong.open(), (error: unknown) => {
    assert.ok(error instanceof UserError, 'a user error, not a crash');
    assert.equal(error.code, 'store-key-invalid');
    assert.match(error.message, /does not open the store/);
    assert.match(error.hint ?? '', /ESCHER_PASSPHRASE/);
    return true;
  });
  assert.equal(wrong.isOpen, false);
  assert.equal(sha256(temp.path), before);
  assert.equal(existsSync(`${temp.path}-wal`), false);

  const right = await temp.reopen();
  assert.equal(right.getResource(testInstance('keep-me').id)?.name, 'keep-me');
  assert.deepEqual(right.integrityCheck(), ['ok']);
});

test('ESCHER_PASSPHRASE opens the store it created; another passphrase is refused', async (t) => {
  const temp = await openTempStore();
  t.after(() => temp.cleanup());
  const path = `${temp.dir}/passphrase.db`;
  const store = new Store({
    path,
    keySource: passphraseKeySource({ ESCHER_PASSPHRASE: 'correct horse' }),
    clock: temp.clock,
  });
  await store.open();
  const syncId = store.beginSync();
  store.replaceScope(testScope(), [testInstance(CANARY_NAME)], syncId);
  store.finishSync(syncId, { apiCalls: 1 });
  store.close();
  assert.equal(readFileSync(path).includes(CANARY_NAME), false);

  const wrong = new Store({
    path,
    keySource: passphraseKeySource({ ESCHER_PASSPHRASE: 'battery staple' }),
    clock: temp.clock,
  });
  await assert.rejects(wrong.open(), { code: 'store-key-invalid' });

  const right = new Store({
    path,
    keySource: passphraseKeySource({ ESCHER_PASSPHRASE: 'correct horse' }),
    clock: temp.clock,
  });
  await right.open();
  t.after(() => right.close());
  assert.equal(right.listResources().length, 1);
});

test('a new store file is created readable by its owner only', async (t) => {
  const temp = await openTempStore();
  t.after(() => temp.cleanup());
  assert.equal(statSync(temp.path).mode & 0o777, 0o600);
});
