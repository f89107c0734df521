import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Vault } from '../vault/index.ts';
import { AuditLedger } from './audit-ledger.ts';
import { openTempLedger } from './ledger.testing.ts';

const APPENDER = fileURLToPath(new URL('./fixtures/ledger-appender.ts', import.meta.url));
const PER_PROCESS = 150;

function waitFor(child: ChildProcessWithoutNullStreams, word: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(word)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`appender exited ${code} before '${word}': ${err}`)));
  });
}

test('two processes appending at once never fork the chain, even racing for the first entry', async (t) => {
  const { temp } = await openTempLedger();
  t.after(() => temp.cleanup());
  temp.store.close();
  const children = ['alpha', 'beta'].map((name) =>
    spawn(process.execPath, [
      '--import',
      'tsx',
      APPENDER,
      temp.path,
      temp.key.toString('hex'),
      String(PER_PROCESS),
      name,
    ]),
  );
  await Promise.all(children.map((c) => waitFor(c, 'ready')));
  const done = children.map((c) => waitFor(c, 'done'));
  for (const c of children) c.stdin.end('go\n');
  await Promise.all(done);

  const store = await temp.reopen();
  const vault = await Vault.forStore(store, temp.clock);
  const ledger = new AuditLedger({ db: store.database(), vault, clock: temp.clock, actor: 'check' });
  const result = ledger.verify();
  assert.equal(result.ok, true, result.firstBad?.reason);
  assert.equal(result.entries, 1 + 2 * PER_PROCESS, 'one first entry, then every append of both');
  const actors = ledger.list({ limit: 1_000 }).map((e) => e.actor);
  assert.deepEqual([...new Set(actors)].sort(), ['alpha', 'beta']);
  const switches = actors.filter((a, i) => i > 1 && a !== actors[i - 1]).length;
  t.diagnostic(`the writers took turns ${switches} times`);
  const kinds = ledger.list({ limit: 1_000, kind: 'ledger-created' });
  assert.equal(kinds.length, 1, 'exactly one key and first entry, though both raced to create it');
});
