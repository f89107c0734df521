import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { UserError } from '@escher/protocol';
import { openTempLedger } from '../ledger/ledger.testing.ts';
import { Vault } from './vault.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRET01';

test('secrets round-trip, and neither the vault rows nor the store file hold them in plain text', async (t) => {
  const { temp, db, vault } = await openTempLedger();
  t.after(() => temp.cleanup());
  vault.put('prod-aws', { secretAccessKey: SECRET, sessionToken: 'token-value-0001' });
  vault.put('prod-azure', { clientSecret: SECRET });
  assert.deepEqual(vault.get('prod-aws'), { secretAccessKey: SECRET, sessionToken: 'token-value-0001' });
  assert.deepEqual(vault.fields('prod-aws'), ['secretAccessKey', 'sessionToken']);
  assert.deepEqual(vault.owners(), ['prod-aws', 'prod-azure']);

  const rows = db.prepare('SELECT * FROM vault_secrets').all() as Record<string, unknown>[];
  const dump = rows
    .map((r) =>
      Object.values(r)
        .map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : String(v)))
        .join('|'),
    )
    .join('\n');
  assert.ok(
    !dump.includes(SECRET) && !dump.includes('token-value-0001'),
    'a decrypted store shows ciphertext only',
  );
  // The same secret sealed twice never gives the same bytes (a fresh nonce each time).
  const [a, b] = rows.filter((r) => r['field'] !== 'sessionToken') as [
    Record<string, Buffer>,
    Record<string, Buffer>,
  ];
  assert.ok(!a['nonce']!.equals(b['nonce']!) && !a['ciphertext']!.equals(b['ciphertext']!));

  assert.equal(vault.remove('prod-aws'), 2);
  assert.deepEqual(vault.get('prod-aws'), {});
  temp.store.close();
  for (const file of [temp.path, `${temp.path}-wal`]) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      continue;
    }
    assert.equal(bytes.indexOf(SECRET), -1, `${file} holds the secret`);
  }
});

test('a changed ciphertext, tag or nonce is refused clearly, naming the account and field', async (t) => {
  const { temp, db, vault } = await openTempLedger();
  t.after(() => temp.cleanup());
  vault.put('prod-gcp', { token: SECRET });
  for (const column of ['ciphertext', 'tag', 'nonce']) {
    const row = db.prepare(`SELECT ${column} AS v FROM vault_secrets WHERE owner = 'prod-gcp'`).get() as {
      v: Buffer;
    };
    const flipped = Buffer.from(row.v);
    flipped[0] = flipped[0]! ^ 0x01;
    db.prepare(`UPDATE vault_secrets SET ${column} = ? WHERE owner = 'prod-gcp'`).run(flipped);
    assert.throws(
      () => vault.get('prod-gcp'),
      (error: unknown) =>
        error instanceof UserError &&
        error.code === 'vault-secret-tampered' &&
        error.message.includes(`'token' of 'prod-gcp'`) &&
        !error.message.includes(SECRET) &&
        /re-add the account 'prod-gcp'/.test(error.hint ?? ''),
    );
    db.prepare(`UPDATE vault_secrets SET ${column} = ? WHERE owner = 'prod-gcp'`).run(row.v);
    assert.equal(vault.get('prod-gcp')['token'], SECRET);
  }
});

test("a secret moved to another account's row fails its integrity check", async (t) => {
  const { temp, db, vault } = await openTempLedger();
  t.after(() => temp.cleanup());
  vault.put('victim', { clientSecret: SECRET });
  vault.put('attacker', { clientSecret: 'attacker-own-secret' });
  db.prepare(
    `UPDATE vault_secrets SET (nonce, ciphertext, tag) =
       (SELECT nonce, ciphertext, tag FROM vault_secrets WHERE owner = 'victim') WHERE owner = 'attacker'`,
  ).run();
  assert.throws(() => vault.get('attacker'), { code: 'vault-secret-tampered' });
});

test('a wrong key is refused as such, for raw keys and passphrases', async (t) => {
  const { temp, db, vault } = await openTempLedger();
  t.after(() => temp.cleanup());
  vault.put('prod', { token: SECRET });
  const wrongRaw = { kind: 'raw' as const, bytes: randomBytes(32), source: 'a wrong key file' };
  assert.throws(
    () => Vault.open({ db, storeKey: wrongRaw, clock: temp.clock }).verifyKey(),
    (error: unknown) =>
      error instanceof UserError &&
      error.code === 'vault-key-invalid' &&
      /a wrong key file/.test(error.message),
  );
  const passphrase = { kind: 'passphrase' as const, passphrase: 'right', source: 'ESCHER_PASSPHRASE' };
  assert.throws(() => Vault.open({ db, storeKey: passphrase, clock: temp.clock }).get('prod'), {
    code: 'vault-key-invalid',
  });

  // A passphrase-keyed vault opens with the same passphrase only.
  db.exec('DELETE FROM vault_meta; DELETE FROM vault_secrets;');
  const byPassphrase = Vault.open({ db, storeKey: passphrase, clock: temp.clock });
  byPassphrase.put('prod', { token: SECRET });
  assert.equal(Vault.open({ db, storeKey: passphrase, clock: temp.clock }).get('prod')['token'], SECRET);
  assert.throws(
    () => Vault.open({ db, storeKey: { ...passphrase, passphrase: 'wrong' }, clock: temp.clock }).verifyKey(),
    { code: 'vault-key-invalid' },
  );
});

test("the vault's redactor knows every secret, including ones added after it was made", async (t) => {
  const { temp, vault } = await openTempLedger();
  t.after(() => temp.cleanup());
  vault.put('a', { token: 'first-secret-value' });
  assert.equal(vault.redactSecrets('x first-secret-value y'), 'x [REDACTED] y');
  vault.put('b', { token: 'second-secret-value' });
  assert.equal(vault.redactSecrets('second-secret-value'), '[REDACTED]');
  vault.remove('a');
  assert.equal(vault.redactSecrets('first-secret-value'), 'first-secret-value');
});
