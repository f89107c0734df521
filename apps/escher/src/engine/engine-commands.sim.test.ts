import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { CreateTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { startIdentity } from './process-identity.ts';
import { processAlive } from './recover-interrupted.ts';
import {
  ENGINE_TEST_SECRET,
  firstSimInstance,
  idsOf,
  readBack,
  startEngineSim,
  type EngineSim,
} from './engine.testing.ts';

// Command steps through the real `escher` binary: argv only, process groups, redaction, cancel.
describe('escher run command steps against escher-sim', () => {
  let env: EngineSim;
  let victim: { id: string; account: string };
  before(async () => {
    env = await startEngineSim(
      ['wait-for-cancel.yaml', 'echo-args.yaml', 'option-like.yaml'],
      async (sim) => {
        // Untrusted tag values, set in the cloud, then synced like any other tag.
        victim = await firstSimInstance(sim, 'us-west-2');
        const ec2 = new EC2Client({
          endpoint: sim.aws,
          region: 'us-west-2',
          credentials: { accessKeyId: `AKIA${victim.account}`, secretAccessKey: 'test' },
        });
        await ec2.send(
          new CreateTagsCommand({
            Resources: [victim.id],
            Tags: [
              { Key: 'a', Value: '$(touch pwned)' },
              { Key: 'b', Value: '; rm -rf ~' },
              { Key: 'c', Value: '`touch pwned2`' },
              { Key: 'd', Value: 'line1\nline2 && touch pwned3' },
              { Key: 'e', Value: '--x' },
            ],
          }),
        );
        ec2.destroy();
      },
    );
  });
  after(async () => {
    await env?.sim.stop();
    env?.h.cleanup();
  });

  it('cancel mid-wave kills the running command group and never starts the remaining waves', async () => {
    const targets = env.instances.filter((r) => r.region === 'eu-west-1' && r.environment === 'dev');
    assert.ok(targets.length >= 3);
    const child = env.h.spawn(
      'run',
      'test.wait-for-cancel',
      '--cloud',
      'aws',
      '--region',
      'eu-west-1',
      '--environment',
      'dev',
      '--yes',
    );
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    let pidFile = '';
    for await (const line of createInterface({ input: child.stdout! })) {
      stdout += `${line}\n`;
      const m = /\| started \S+ (\S+)$/.exec(line);
      if (m) {
        pidFile = m[1] as string;
        break;
      }
    }
    assert.ok(pidFile, `no command started: ${stdout}${stderr}`);
    const { executionId } = idsOf(stdout);
    const exited = once(child, 'exit');
    const cancel = await env.h.run('cancel', executionId);
    assert.equal(cancel.code, 0, cancel.stderr);
    const [code] = (await exited) as [number];
    assert.equal(code, 5);
    const shown = await env.h.run('executions', executionId);
    assert.match(shown.stdout, new RegExp(`${executionId} \\(plan plan-[0-9a-f]+\\) cancelled`));
    const { ledger, execution } = await readBack(env.h, executionId);
    assert.deepEqual(
      execution?.steps.map((s) => s.status),
      targets.map(() => 'cancelled'),
    );
    const mine = ledger.filter((e) => e.data['executionId'] === executionId);
    assert.equal(mine.filter((e) => e.kind === 'step-started').length, 1);
    assert.ok(mine.some((e) => e.kind === 'execution-cancelled'));
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    rmSync(pidFile);
    assert.equal(processAlive(grandchild), false, 'the whole process group was killed');
  });

  it('kill -9 of the applying CLI: the next escher command ends the orphaned command group', async () => {
    const target = env.instances.find((r) => r.region === 'eu-west-1' && r.environment === 'dev');
    assert.ok(target);
    const child = env.h.spawn('run', 'test.wait-for-cancel', '--target', target.id, '--yes');
    let stdout = '';
    let pidFile = '';
    for await (const line of createInterface({ input: child.stdout! })) {
      stdout += `${line}\n`;
      const m = /\| started \S+ (\S+)$/.exec(line);
      if (m) {
        pidFile = m[1] as string;
        break;
      }
    }
    assert.ok(pidFile, `no command started: ${stdout}`);
    const { executionId } = idsOf(stdout);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    rmSync(pidFile);
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    // Zombies (not yet reaped by init) count as gone: `startIdentity` skips them.
    assert.ok(startIdentity(grandchild), 'the command outlived the killed CLI');

    const shown = await env.h.run('executions', executionId);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stderr, new RegExp(`execution ${executionId} was left running .* marked interrupted`));
    assert.match(shown.stderr, /ended the orphaned command of step wait .* \(SIGTERM\)/);
    assert.equal(startIdentity(grandchild), undefined, 'the whole orphaned group is gone');
    const verify = await env.h.run('audit', 'verify');
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    const { ledger } = await readBack(env.h, executionId);
    assert.deepEqual(
      ledger
        .filter((e) => e.data['executionId'] === executionId && e.kind === 'step-killed-orphan')
        .map((e) => [e.data['stepId'], e.data['outcome'], e.data['processes']]),
      [['wait', 'terminated', 2]],
    );
  });

  it('passes untrusted tag values to a command as inert whole arguments and redacts injected credentials', async () => {
    const target = env.instances.find((r) => r.nativeId.endsWith(`/${victim.id}`));
    assert.ok(target);
    assert.equal(target.tags['a'], '$(touch pwned)');
    const r = await env.h.run('run', 'test.echo-args', '--target', target.id, '--yes');
    assert.equal(r.code, 0, r.stderr);
    const argvLine = r.stdout.split('\n').find((l) => l.includes('| ARGV '));
    assert.ok(argvLine, r.stdout);
    assert.deepEqual(JSON.parse(argvLine.slice(argvLine.indexOf('| ARGV ') + 7)), [
      '$(touch pwned)',
      '--value=; rm -rf ~',
      '`touch pwned2`',
      'line1\nline2 && touch pwned3',
      '--opt=--x',
      target.name,
    ]);
    for (const f of ['pwned', 'pwned2', 'pwned3']) {
      assert.equal(existsSync(join(process.cwd(), f)), false);
      assert.equal(existsSync(join(env.h.dir, f)), false);
    }
    // The account is configured with role ARNs: the command acts as the role assumed in the
    // target's account (one STS AssumeRole against the simulator), never the base keys, and the
    // temporary secret and session token are redacted like the vault's secrets.
    assert.match(r.stdout, /secret=\[REDACTED\]/);
    assert.match(r.stdout, new RegExp(`key=ASIA${target.account}`));
    assert.doesNotMatch(r.stdout, /key=AKIAESCHERCLI/);
    assert.match(r.stdout, /token=\[REDACTED\]/);
    assert.doesNotMatch(r.stdout, /IQoJ/);
    const { ledger } = await readBack(env.h);
    const { executionId } = idsOf(r.stdout);
    const events = await env.h.run('executions', executionId, '--json');
    for (const out of [r.stdout, r.stderr, events.stdout, JSON.stringify(ledger)]) {
      assert.equal(out.includes(ENGINE_TEST_SECRET), false);
    }

    const refused = await env.h.run('run', 'test.option-like', '--target', target.id, '--yes');
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /ERROR template-value-option-like: .*'--x', which starts with '-'/);
  });
});
