import assert from 'node:assert/strict';
import { once } from 'node:events';
import { chmodSync, copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { createDaemonClient, DAEMON_OPERATIONS } from '@escher/protocol';
import { addPlaybooks, idsOf, readBack, startEngineSim, type EngineSim } from '../engine/engine.testing.ts';
import { startIdentity } from '../engine/process-identity.ts';
import { processAlive } from '../engine/recover-interrupted.ts';
import { daemonFixture } from './daemon-executions.testing.ts';

interface Started {
  pid: number;
  url: string;
  orphansKilled?: { processGroup: number; outcome: string }[];
}

/** Running and not a zombie (one init has not reaped yet is dead to a user). */
function running(pid: number): boolean {
  return startIdentity(pid) !== undefined;
}

// Issue 5, "What must show": kill -9 of the daemon mid-execution, through the real binary.
describe('kill -9 of the daemon mid-execution (real escher binary, escher-sim)', () => {
  let env: EngineSim;
  let marksFile: string;
  const orphans: number[] = [];
  before(async () => {
    env = await startEngineSim([]);
    // The daemon's fake `aws` replaces the engine's on the harness PATH: it logs every call.
    const bin = join(env.h.dir, 'bin');
    copyFileSync(daemonFixture('fake-aws.cjs'), join(bin, 'aws'));
    // copyFileSync gives the copy the fixture's mode (not executable).
    chmodSync(join(bin, 'aws'), 0o755);
    marksFile = join(bin, 'marks.log');
    await addPlaybooks(env.h, [daemonFixture('daemon-block.yaml')]);
  });
  after(async () => {
    // Recovery ends the orphaned command; should it not, the test must not leave it running.
    for (const pid of orphans) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await env?.h.run('daemon', 'stop');
    await env?.sim.stop();
    env?.h.cleanup();
  });

  it('restart shows the execution interrupted, ends the orphaned command, the ledger verifies, and the running step never runs again', async () => {
    const { h } = env;
    const target = env.instances.find((r) => r.environment === 'dev');
    assert.ok(target);
    const first = await h.json<Started>('daemon', 'start', '--port', '0');

    const run = h.spawn('run', 'test.daemon-block', '--target', target.id, '--yes', '--via-daemon');
    let stdout = '';
    let stderr = '';
    run.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    for await (const line of createInterface({ input: run.stdout! })) {
      stdout += `${line}\n`;
      if (/\| heartbeat child pid=\d+/.test(line)) break;
    }
    assert.match(
      stdout,
      /\| blocking /,
      `the step never started: ${stdout}${stderr}${readFileSync(join(h.home.dir, 'daemon.log'), 'utf8')}`,
    );
    const { executionId } = idsOf(stdout);
    const marksBefore = readFileSync(marksFile, 'utf8').split('\n').filter(Boolean);
    assert.equal(marksBefore.length, 1);
    const stepPid = Number(marksBefore[0]!.split(' ').at(-1));
    orphans.push(stepPid);
    // The step's own child beats in the same process group (what a real `aws` may start).
    const heartbeatPid = Number(/heartbeat child pid=(\d+)/.exec(stdout)?.[1]);
    assert.ok(running(heartbeatPid));

    const exited = once(run, 'exit');
    process.kill(first.pid, 'SIGKILL');
    const [code] = (await exited) as [number];
    assert.equal(code, 2, 'the following CLI reports the lost daemon');
    assert.match(stderr, /daemon/);
    // Until init reaps it, a killed process is a zombie that `kill(pid, 0)` still finds.
    const deadline = Date.now() + 10_000;
    while (processAlive(first.pid) && Date.now() < deadline) await delay(50);
    assert.equal(processAlive(first.pid), false, 'the daemon is gone');
    assert.ok(running(stepPid) && running(heartbeatPid), 'the command outlived the killed daemon');

    const second = await h.json<Started>('daemon', 'start', '--port', '0');
    assert.notEqual(second.pid, first.pid);
    // Before it answered, the restarted daemon ended the orphaned group (SIGTERM was enough).
    assert.deepEqual(
      second.orphansKilled?.map((o) => [o.processGroup, o.outcome]),
      [[stepPid, 'terminated']],
    );
    assert.equal(running(stepPid), false, 'the orphaned step process is gone');
    assert.equal(running(heartbeatPid), false, 'its heartbeating child is gone');
    const token = readFileSync(join(h.home.dir, 'daemon.token'), 'utf8').trim();
    const client = createDaemonClient({ baseUrl: second.url, token });
    const status = await client.call(DAEMON_OPERATIONS.getStatus);
    assert.deepEqual(status.interruptedExecutionsAtStart, [executionId]);
    assert.deepEqual(
      status.orphansKilledAtStart.map((o) => [o.executionId, o.stepId, o.processes]),
      [[executionId, 'block', 2]],
    );
    const { execution } = await client.call(DAEMON_OPERATIONS.getExecution, { params: { id: executionId } });
    assert.equal(execution.state, 'interrupted');
    const block = execution.steps.find((s) => s.stepId === 'block');
    assert.deepEqual([block?.status, block?.message], ['cancelled', 'interrupted']);
    assert.ok(
      execution.steps.every((s) => s.stepId === 'block' || s.status === 'pending'),
      'the step after it never started',
    );

    const shown = await h.run('executions', executionId);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, new RegExp(`${executionId} \\(plan plan-[0-9a-f]+\\) interrupted`));
    // `executions --follow` goes through the daemon's WebSocket: the replay, then the final state.
    const followed = await h.run('executions', executionId, '--follow');
    assert.equal(followed.code, 0, followed.stderr);
    assert.match(followed.stdout, /\| blocking /);
    assert.match(followed.stdout, new RegExp(`${executionId} \\(plan plan-[0-9a-f]+\\) interrupted`));
    const verify = await h.run('audit', 'verify');
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);

    // Nothing ran twice, nothing after it ran: one call of the fake `aws` in all.
    assert.deepEqual(readFileSync(marksFile, 'utf8').split('\n').filter(Boolean), marksBefore);
    const { ledger } = await readBack(h, executionId);
    const mine = ledger.filter((e) => e.data['executionId'] === executionId);
    assert.equal(mine.filter((e) => e.kind === 'step-started').length, 1);
    assert.deepEqual(
      mine.filter((e) => e.kind === 'execution-finished').map((e) => e.data['status']),
      ['interrupted'],
    );
    assert.deepEqual(
      mine
        .filter((e) => e.kind === 'step-killed-orphan')
        .map((e) => [e.data['stepId'], e.data['processGroup'], e.data['outcome']]),
      [['block', stepPid, 'terminated']],
    );
    // Approving or applying it again is refused: re-running means a new plan and approval.
    await assert.rejects(
      client.call(DAEMON_OPERATIONS.applyExecution, { params: { id: executionId } }),
      (e: Error & { code?: string }) => e.code === 'execution-not-approved',
    );
  });
});
