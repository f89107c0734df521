import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { LEDGER_ENTRY_KINDS, LedgerEntrySchema, LedgerVerifyResultSchema } from '@escher/protocol';
import { canonicalJson } from './canonical-json.ts';
import { openTempLedger } from './ledger.testing.ts';
import { SIGNATURE_PURPOSES, verifySignature } from './signing-key.ts';

test('canonical JSON sorts keys at every depth and writes no whitespace', () => {
  assert.equal(
    canonicalJson({ b: 1, a: [true, null, 'x', { d: 2, c: undefined, é: 'ü\n' }], '': -0.5 }),
    '{"":-0.5,"a":[true,null,"x",{"d":2,"é":"ü\\n"}],"b":1}',
  );
  assert.throws(() => canonicalJson({ n: Number.NaN }), { code: 'canonical-json-number' });
});

test('the first append creates the key and a ledger-created entry; entries chain and verify', async (t) => {
  const { temp, ledger } = await openTempLedger();
  t.after(() => temp.cleanup());
  const added = ledger.append({
    kind: 'account-added',
    data: { account: 'prod-aws', cloud: 'aws', credentialKind: 'keys', secretFields: ['secretAccessKey'] },
  });
  temp.clock.advance(1_000);
  ledger.append({ kind: 'account-removed', data: { account: 'prod-aws', cloud: 'aws' } });

  const entries = ledger.list();
  assert.deepEqual(
    entries.map((e) => [e.seq, e.kind]),
    [
      [1, 'ledger-created'],
      [2, 'account-added'],
      [3, 'account-removed'],
    ],
  );
  for (const e of entries) LedgerEntrySchema.parse(e);
  const [genesis, second, third] = entries as [(typeof entries)[0], (typeof entries)[0], (typeof entries)[0]];
  assert.equal(second.seq, added.seq);
  assert.equal(genesis.prevHash, '0'.repeat(64));
  assert.equal(second.prevHash, genesis.hash);
  assert.equal(third.prevHash, second.hash);
  assert.equal(third.at, new Date(temp.clock.now()).toISOString());
  // The hash is SHA-256 of the documented canonical body; the signature verifies with the
  // public key the first entry carries, with no secret at hand.
  const { hash, signature, ...body } = third;
  assert.equal(createHash('sha256').update(canonicalJson(body)).digest('hex'), hash);
  const publicKey = genesis.data['publicKey'] as string;
  assert.ok(verifySignature(publicKey, SIGNATURE_PURPOSES.ledgerEntry, hash, signature));
  assert.equal(genesis.data['keyId'], third.keyId);

  const result = ledger.verify();
  LedgerVerifyResultSchema.parse(result);
  assert.deepEqual(result, {
    ok: true,
    entries: 3,
    head: { seq: 3, hash },
    keyId: third.keyId,
    firstBad: null,
  });
});

test('list filters by kind and keeps the newest N, oldest first', async (t) => {
  const { temp, ledger } = await openTempLedger();
  t.after(() => temp.cleanup());
  for (let i = 0; i < 5; i++) ledger.append({ kind: 'settings-changed', data: { setting: `s${i}`, to: i } });
  assert.deepEqual(
    ledger.list({ limit: 2 }).map((e) => e.seq),
    [5, 6],
  );
  assert.deepEqual(
    ledger.list({ kind: 'ledger-created' }).map((e) => e.seq),
    [1],
  );
  assert.ok(LEDGER_ENTRY_KINDS.includes('step-finished'));
});

test('secrets never enter: vault secrets and secret shapes are redacted before hashing', async (t) => {
  const { temp, vault, ledger } = await openTempLedger();
  t.after(() => temp.cleanup());
  const vaultSecret = 'vault-held-secret-value-123';
  const awsSecret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  vault.put('prod-aws', { secretAccessKey: vaultSecret });
  const entry = ledger.append({
    kind: 'step-finished',
    data: {
      executionId: 'x1',
      stepId: 'stop',
      status: 'failed',
      exitCode: 1,
      output: `error with ${vaultSecret}; AWS_SECRET_ACCESS_KEY=${awsSecret}`,
      header: 'Authorization: Bearer abc.def-ghi_jkl',
      clientSecret: 'anything at all',
    },
  });
  const text = JSON.stringify(entry);
  for (const secret of [vaultSecret, awsSecret, 'abc.def-ghi_jkl', 'anything at all']) {
    assert.ok(!text.includes(secret), `${secret} leaked into the ledger`);
  }
  assert.match(String(entry.data['output']), /error with \[REDACTED\]/);
  assert.equal(ledger.verify().ok, true);
  temp.store.close();
  const bytes = readFileSync(temp.path);
  assert.equal(bytes.indexOf(vaultSecret), -1);
});

test('the approval purpose cannot be replayed as a ledger signature', async (t) => {
  const { temp, ledger } = await openTempLedger();
  t.after(() => temp.cleanup());
  const key = ledger.signingKey();
  const planHash = 'a'.repeat(64);
  const approval = key.sign(SIGNATURE_PURPOSES.approval, planHash);
  assert.ok(verifySignature(key.publicKey, SIGNATURE_PURPOSES.approval, planHash, approval));
  assert.ok(!verifySignature(key.publicKey, SIGNATURE_PURPOSES.ledgerEntry, planHash, approval));
  assert.equal(ledger.list()[0]?.keyId, key.keyId, 'the same key the ledger introduced');
});
