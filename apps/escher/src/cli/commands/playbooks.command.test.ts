import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  PlaybookDetailSchema,
  PlaybookListSchema,
  PlaybookStateChangeSchema,
  PlaybookValidationSchema,
  type LedgerEntry,
} from '@escher/protocol';
import type { CliIo } from '../cli-io.ts';
import { runCli } from '../main.ts';

const FIXTURES = new URL('../../playbooks/fixtures/', import.meta.url).pathname;
const VALID = join(FIXTURES, 'valid.yaml');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('escher playbooks (in-process, real store and ledger)', () => {
  let dir: string;
  let env: Record<string, string>;
  const run = async (...args: string[]): Promise<Run> => {
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env,
    };
    // runCli reports process.exitCode, which node:test sets once a test fails: isolate each run.
    const saved = process.exitCode;
    process.exitCode = undefined;
    try {
      return { code: await runCli(args, io), stdout, stderr };
    } finally {
      process.exitCode = saved;
    }
  };
  const json = async <T>(...args: string[]): Promise<T> => {
    const r = await run(...args, '--json');
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as T;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'escher-playbooks-cli-'));
    env = { ESCHER_HOME: join(dir, 'home'), ESCHER_PASSPHRASE: 'playbooks cli test' };
    assert.equal((await run('init')).code, 0);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('validate prints file:line:col: message per problem and exits 1; a valid file says so', async () => {
    const ok = await run('playbooks', 'validate', VALID);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, `${VALID}: acme.stop-web 1.0.0 is valid\n`);

    const bad = await run(
      'playbooks',
      'validate',
      join(FIXTURES, 'unsafe-argument.yaml'),
      join(FIXTURES, 'shell-string.yaml'),
    );
    assert.equal(bad.code, 1);
    assert.deepEqual(
      bad.stdout
        .trim()
        .split('\n')
        .map((l) => l.replace(FIXTURES, '').replace(/: .*/, '')),
      ['unsafe-argument.yaml:19:9', 'unsafe-argument.yaml:20:9', 'shell-string.yaml:12:14'],
    );
    assert.equal(bad.stderr, 'escher: 3 error(s), 0 warning(s) in 2 file(s)\n');

    const asJson = await run('playbooks', 'validate', join(FIXTURES, 'depends-on-cycle.yaml'), '--json');
    assert.equal(asJson.code, 1);
    const out = JSON.parse(asJson.stdout) as { valid: boolean; files: unknown[] };
    assert.equal(out.valid, false);
    const [file] = out.files.map((f) => PlaybookValidationSchema.parse(f));
    assert.deepEqual(
      file?.problems.map((p) => [p.code, p.line, p.col]),
      [
        ['dependency-cycle', 15, 17],
        ['dependency-cycle', 21, 20],
        ['unknown-step', 21, 23],
      ],
    );
    const missing = await run('playbooks', 'validate', join(dir, 'nope.yaml'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^escher: Cannot read .*nope\.yaml \(ENOENT\) \(hint: Check the path\)\n$/);
  });

  it('list shows the built-in library, filters it, and searches it', async () => {
    const all = PlaybookListSchema.parse(await json('playbooks', 'list'));
    assert.ok(all.count >= 63 && all.playbooks.every((p) => p.source === 'builtin'));
    const aws = PlaybookListSchema.parse(
      await json('playbooks', 'list', '--cloud', 'aws', '--type', 'compute.instance', '--action', 'stop'),
    );
    assert.deepEqual(
      aws.playbooks.map((p) => [p.id, p.state, p.risk]),
      [['stop-compute-instance', 'ready', 'medium']],
    );
    const found = PlaybookListSchema.parse(
      await json('playbooks', 'list', '--search', 'power off virtual machines'),
    );
    assert.equal(found.playbooks[0]?.id, 'stop-compute-instance');
    assert.ok((found.playbooks[0]?.score ?? 0) > 0.5);
    const table = await run('playbooks', 'list', '--type', 'network.ip');
    assert.match(table.stdout, /^ID +VERSION +STATE +SOURCE +RISK +CLOUDS +NAME\n/);
    assert.match(
      table.stdout,
      /^delete-network-ip +1\.0\.0 +ready +builtin +high +aws,azure,gcp +Delete public IP addresses$/m,
    );
    const wrong = await run('playbooks', 'list', '--cloud', 'oracle');
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /--cloud must be one of aws, azure, gcp/);
  });

  it('add keeps a user playbook as draft; show reads every version; set-state moves it and audits it', async () => {
    const added = await run('playbooks', 'add', VALID);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /^Added acme\.stop-web 1\.0\.0 as draft\.\n/);
    assert.equal(
      readFileSync(join(env['ESCHER_HOME'] as string, 'playbooks', 'acme.stop-web.yaml'), 'utf8'),
      readFileSync(VALID, 'utf8'),
    );

    const v2 = join(dir, 'v2.yaml');
    writeFileSync(v2, readFileSync(VALID, 'utf8').replace('version: 1.0.0', 'version: 1.1.0'));
    assert.equal((await run('playbooks', 'add', v2)).code, 0);
    const changed = join(dir, 'changed.yaml');
    writeFileSync(changed, readFileSync(v2, 'utf8').replace('A test fixture.', 'Changed.'));
    const refused = await run('playbooks', 'add', changed);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /already kept with different content \(hint: A changed playbook needs a higher version than 1\.1\.0\)/,
    );

    const users = PlaybookListSchema.parse(await json('playbooks', 'list', '--source', 'user'));
    assert.deepEqual(
      users.playbooks.map((p) => [p.id, p.version, p.state, p.versions]),
      [['acme.stop-web', '1.1.0', 'draft', ['1.0.0', '1.1.0']]],
    );

    const detail = PlaybookDetailSchema.parse(
      await json('playbooks', 'show', 'acme.stop-web', '--version', '1.0.0'),
    );
    assert.equal(detail.playbook.version, '1.0.0');
    assert.equal(detail.source, 'user');
    const yaml = await run('playbooks', 'show', 'acme.stop-web', '--yaml');
    assert.equal(yaml.stdout, readFileSync(v2, 'utf8'));
    const human = await run('playbooks', 'show', 'stop-compute-instance');
    assert.match(human.stdout, /^stop-compute-instance 1\.0\.0 \(builtin, ready, risk medium\)$/m);
    assert.match(human.stdout, /^ {2}1\. stop: compute\.instance\.stop force=\{\{params\.force\}\}$/m);
    assert.match(human.stdout, /verify state stopped within 600s · rollback: the operation’s undo/);

    const illegal = await run('playbooks', 'set-state', 'acme.stop-web', 'active');
    assert.equal(illegal.code, 1);
    assert.equal(
      illegal.stderr,
      "escher: Playbook 'acme.stop-web' 1.1.0 cannot move from draft to active (hint: From draft it can move to: review, deprecated)\n",
    );
    const moved = PlaybookStateChangeSchema.parse(
      await json('playbooks', 'set-state', 'acme.stop-web', 'review', '--reason', 'ready for eyes'),
    );
    assert.deepEqual(moved, { id: 'acme.stop-web', version: '1.1.0', from: 'draft', to: 'review' });
    const audit = await json<{ entries: LedgerEntry[] }>('audit', 'list', '--kind', 'playbook-state-changed');
    assert.deepEqual(
      audit.entries.map((e) => e.data),
      [
        {
          playbookId: 'acme.stop-web',
          version: '1.1.0',
          from: 'draft',
          to: 'review',
          reason: 'ready for eyes',
        },
      ],
    );
    const verify = await run('audit', 'verify');
    assert.equal(verify.code, 0, verify.stderr);
  });

  it('add refuses an invalid file with each problem on stderr, and unknown ids and states plainly', async () => {
    const bad = await run('playbooks', 'add', join(FIXTURES, 'unknown-operation.yaml'));
    assert.equal(bad.code, 1);
    assert.equal(bad.stdout, '');
    const lines = bad.stderr.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.match(
      lines[0] ?? '',
      /unknown-operation\.yaml:12:13: 'compute\.instance\.stopp' is not an operation/,
    );
    assert.match(lines[2] ?? '', /^escher: .*unknown-operation\.yaml has 2 error\(s\); nothing was added/);
    const unknown = await run('playbooks', 'show', 'stop-compute-instanse');
    assert.match(
      unknown.stderr,
      /No playbook with id 'stop-compute-instanse' \(hint: Did you mean stop-compute-instance\?/,
    );
    const state = await run('playbooks', 'set-state', 'stop-compute-instance', 'live');
    assert.match(state.stderr, /'live' is not a lifecycle state \(hint: Use one of: draft, review/);
  });
});
