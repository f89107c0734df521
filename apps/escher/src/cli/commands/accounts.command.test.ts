import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LedgerEntry, LedgerVerifyResult } from '@escher/protocol';
import { openAccountSecrets } from '../accounts-file.ts';
import { createCliHarness, type CliHarness } from '../testing/cli-harness.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYaccounts01';
const OLD_SECRET = 'legacy-plaintext-secret-0001';

/** Every byte of every file in the home: where a leaked secret would show. */
function homeBytes(h: CliHarness): Buffer {
  return Buffer.concat(
    readdirSync(h.home.dir)
      .map((f) => join(h.home.dir, f))
      .filter((p) => statSync(p).isFile())
      .map((p) => readFileSync(p)),
  );
}

// The vault and the ledger through the real `escher` binary, no simulator needed.
describe('escher accounts and audit: secrets in the vault, every change in the ledger', () => {
  let h: CliHarness;
  before(async () => {
    h = createCliHarness({ prefix: 'escher-vault-cli-' });
    assert.equal((await h.run('init')).code, 0);
  });
  after(() => h?.cleanup());

  it('add puts the secret in the vault, list shows field names only, remove deletes it', async () => {
    const add = await h.run(
      'accounts',
      'add',
      'aws',
      '--name',
      'prod-aws',
      '--access-key-id',
      'AKIAESCHER0000000001',
      '--secret-access-key',
      SECRET,
    );
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stdout, /Secrets \(secretAccessKey\) are stored encrypted in the vault/);

    const listed = await h.json<{ accounts: { name: string; secretFields: string[] }[] }>('accounts', 'list');
    assert.deepEqual(
      listed.accounts.map((a) => [a.name, a.secretFields]),
      [['prod-aws', ['secretAccessKey']]],
    );
    assert.equal(homeBytes(h).indexOf(SECRET), -1, 'no file of the home holds the secret');
    assert.equal(existsSync(h.home.secretsFile), false);

    const store = await h.openStore();
    try {
      const { vault } = await openAccountSecrets(h.home, store);
      assert.deepEqual(
        vault.get('prod-aws'),
        { secretAccessKey: SECRET },
        'build-providers reads back exactly this',
      );
    } finally {
      store.close();
    }

    const removed = await h.run('accounts', 'remove', 'prod-aws');
    assert.match(removed.stdout, /deleted its secrets from the vault/);
    const after = await h.openStore();
    try {
      const { vault } = await openAccountSecrets(h.home, after);
      assert.deepEqual(vault.get('prod-aws'), {});
    } finally {
      after.close();
    }

    const audit = await h.json<{ entries: LedgerEntry[] }>('audit', 'list');
    assert.deepEqual(
      audit.entries.map((e) => e.kind),
      ['ledger-created', 'account-added', 'account-removed'],
    );
    assert.deepEqual(audit.entries[1]?.data['secretFields'], ['secretAccessKey']);
    for (const r of h.runs)
      assert.ok(
        !r.stdout.includes(SECRET) && !r.stderr.includes(SECRET),
        `escher ${r.args.join(' ')} printed the secret`,
      );
  });

  it('an old plaintext secrets.json is moved into the vault on first use, said so, and deleted', async () => {
    const accounts = JSON.parse(readFileSync(h.home.accountsFile, 'utf8')) as { accounts: unknown[] };
    accounts.accounts.push({
      name: 'old-gcp',
      cloud: 'gcp',
      credentials: { kind: 'access-token' },
      addedAt: '2026-01-01T00:00:00.000Z',
    });
    writeFileSync(h.home.accountsFile, JSON.stringify(accounts));
    writeFileSync(h.home.secretsFile, JSON.stringify({ 'old-gcp': { token: OLD_SECRET } }), { mode: 0o600 });

    const list = await h.run('accounts', 'list', '--json');
    assert.equal(list.code, 0, list.stderr);
    assert.match(
      list.stderr,
      /Moved the secrets of 1 account\(s\) \(old-gcp\) from .*secrets\.json into the encrypted vault and deleted the file/,
    );
    assert.deepEqual(
      (JSON.parse(list.stdout) as { accounts: { secretFields: string[] }[] }).accounts[0]?.secretFields,
      ['token'],
    );
    assert.equal(existsSync(h.home.secretsFile), false);
    assert.equal(homeBytes(h).indexOf(OLD_SECRET), -1);
    const again = await h.run('accounts', 'list');
    assert.doesNotMatch(again.stderr, /Moved/, 'said once');

    const imported = await h.json<{ entries: LedgerEntry[] }>('audit', 'list', '--kind', 'secrets-imported');
    assert.deepEqual(
      imported.entries.map((e) => e.data),
      [{ from: 'secrets.json', accounts: ['old-gcp'], fields: 1 }],
    );
  });

  it('audit verify passes, then names the entry edited in the SQLite file and exits 4', async () => {
    const ok = await h.run('audit', 'verify');
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /The audit ledger verifies: \d+ entries, signed by ed25519:[0-9a-f]{32}\./);
    const head = /Head: (\d+:[0-9a-f]{64})/.exec(ok.stdout)?.[1];
    assert.ok(head);
    assert.equal((await h.run('audit', 'verify', '--anchor', head)).code, 0);

    const store = await h.openStore();
    try {
      store.database().exec(`DROP TRIGGER ledger_entries_no_update;
        UPDATE ledger_entries SET data = replace(data, 'prod-aws', 'someone-else') WHERE seq = 2;`);
    } finally {
      store.close();
    }
    const bad = await h.run('audit', 'verify', '--json');
    assert.equal(bad.code, 4);
    const result = JSON.parse(bad.stdout) as LedgerVerifyResult;
    assert.equal(result.ok, false);
    assert.deepEqual({ seq: result.firstBad?.seq, code: result.firstBad?.code }, { seq: 2, code: 'edited' });
    assert.match(bad.stderr, /^escher: the audit ledger fails verification at entry 2 \(edited\): .*\n$/);

    const badAnchor = await h.run('audit', 'verify', '--anchor', 'nonsense');
    assert.equal(badAnchor.code, 1);
    assert.match(badAnchor.stderr, /--anchor must be SEQ:HASH/);
  });
});
