import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openTempLedger, type TempLedger } from '../ledger/ledger.testing.ts';
import { runCommand, type CommandResult } from './command-runner.ts';
import { Engine } from './engine.ts';
import { FakeCloud, instance, loaded, noGraph } from './engine-fake-cloud.testing.ts';
import { reapOrphans } from './orphan-reaper.ts';
import { startIdentity } from './process-identity.ts';

// A command step as `aws` would be: a leader that ignores SIGTERM and a grandchild in its group
// writing a heartbeat — the worst case a crash can leave behind.
const STUBBORN = `
const { spawn } = require('node:child_process');
process.on('SIGTERM', () => {});
const child = spawn(process.execPath, ['-e', "process.on('SIGTERM',()=>{});setInterval(()=>require('node:fs').writeFileSync(process.argv[1], String(process.pid)),20)", process.argv[1]], { stdio: 'ignore' });
console.log('child ' + child.pid);
setInterval(() => {}, 1000);
`;

/** Yields to the event loop (so exits are reaped) without waiting any time. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Alive and not a zombie: what a user would call "still running". */
function running(pid: number): boolean {
  return startIdentity(pid) !== undefined;
}

describe('reapOrphans (real processes, real store and ledger)', () => {
  let t: TempLedger;
  let engine: Engine;
  let dir: string;
  beforeEach(async () => {
    t = await openTempLedger();
    dir = mkdtempSync(join(tmpdir(), 'escher-orphan-'));
    const cloud = new FakeCloud(() => t.temp.clock.now());
    engine = new Engine({
      db: t.db,
      record: (e) => t.ledger.append(e),
      signingKey: () => t.ledger.signingKey(),
      actor: 'tester',
      clock: t.temp.clock,
      sleep: async () => undefined,
      graph: noGraph,
      resourceOf: (id) => (id === 'i-1' ? instance(1) : undefined),
      actionsFor: () => cloud,
      commandEnv: () => ({}),
      redact: (s) => s,
      load: async () => undefined,
    });
  });
  afterEach(() => {
    t.temp.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  /** An execution whose applying process (a pid that has exited) died while its step ran. */
  async function crashedExecution(): Promise<string> {
    const { plan } = await engine.plan({
      playbook: loaded({ steps: [{ id: 'stop', action: 'compute.instance.stop' }] }),
      state: 'ready',
      candidates: [instance(1)],
      params: {},
    });
    engine.approve(plan.id, { kind: 'yes' }, 'ready');
    const executionId = plan.id.replace(/^plan-/, 'ex-');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    assert.ok(
      engine.table.setState(executionId, 'running', { from: ['approved'], pid: dead, host: hostname() }),
    );
    engine.table.putStep(executionId, 'i-1', 'stop', { status: 'running', attempts: 1 });
    return executionId;
  }

  it('ends the whole group a crash left running (SIGKILL when SIGTERM is ignored), records and clears it', async () => {
    const executionId = await crashedExecution();
    const heartbeat = join(dir, 'heartbeat');
    let grandchild = 0;
    const done: Promise<CommandResult> = runCommand({
      argv: [process.execPath, '-e', STUBBORN, heartbeat],
      env: { PATH: process.env['PATH'] ?? '' },
      timeoutMs: 60_000,
      onProcess: (proc) =>
        engine.table.setStepProcess(executionId, 'i-1', 'stop', proc && { ...proc, host: hostname() }),
      onLine: (_stream, line) => {
        grandchild = Number(/^child (\d+)/.exec(line)?.[1] ?? grandchild);
      },
    });
    while (!existsSync(heartbeat)) await turn();
    const leader = engine.table.get(executionId).steps[0]?.processGroup;
    assert.ok(leader, 'the running step names its process group');
    assert.equal(Number(readFileSync(heartbeat, 'utf8')), grandchild);

    assert.deepEqual(engine.recover(), [executionId]);
    const killed = await reapOrphans(engine.table, (e) => t.ledger.append(e), {
      graceMs: 2000,
      pollMs: 10,
      wait: turn,
    });
    assert.deepEqual(killed, [
      { executionId, target: 'i-1', stepId: 'stop', processGroup: leader, processes: 2, outcome: 'killed' },
    ]);
    assert.equal(running(leader), false, 'the leader is gone');
    assert.equal(running(grandchild), false, 'the grandchild is gone');
    assert.equal((await done).signal, 'SIGKILL');
    assert.equal(engine.table.get(executionId).steps[0]?.processGroup, undefined, 'no longer recorded');

    const [entry] = t.ledger.list({ kind: 'step-killed-orphan' });
    assert.deepEqual(
      [entry?.data['executionId'], entry?.data['processGroup'], entry?.data['outcome']],
      [executionId, leader, 'killed'],
    );
    assert.equal(t.ledger.verify().ok, true);
    // Nothing left to do the next time a command starts.
    assert.deepEqual(await reapOrphans(engine.table, (e) => t.ledger.append(e), { wait: turn }), []);
  });

  it('never signals a reused pid: a live process whose start identity differs is left alone', async () => {
    const executionId = await crashedExecution();
    const stranger = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      detached: true,
      stdio: 'ignore',
    });
    try {
      const pid = stranger.pid as number;
      while (!running(pid)) await turn();
      const [boot] = (startIdentity(pid) as string).split(':');
      // The step's process had this pid once, but started at another time.
      engine.table.setStepProcess(executionId, 'i-1', 'stop', {
        processGroup: pid,
        startTime: `${boot}:1`,
        host: hostname(),
      });
      engine.recover();
      const killed = await reapOrphans(engine.table, (e) => t.ledger.append(e), { wait: turn });
      assert.deepEqual(killed, []);
      assert.equal(running(pid), true, 'the unrelated process still runs');
      assert.deepEqual(t.ledger.list({ kind: 'step-killed-orphan' }), []);
    } finally {
      stranger.kill('SIGKILL');
    }
  });

  it('leaves groups recorded on another host alone', async () => {
    const executionId = await crashedExecution();
    engine.table.setStepProcess(executionId, 'i-1', 'stop', {
      processGroup: process.pid,
      startTime: startIdentity(process.pid) as string,
      host: 'another-host',
    });
    engine.recover();
    const signals: string[] = [];
    const killed = await reapOrphans(engine.table, (e) => t.ledger.append(e), {
      wait: turn,
      processes: {
        identity: () => 'x:1',
        members: (group) => [{ pid: group, start: 'x:1' }],
        signal: (_group, signal) => {
          signals.push(signal);
          return true;
        },
      },
    });
    assert.deepEqual([killed, signals], [[], []]);
  });
});
