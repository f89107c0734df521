import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const BIN = new URL('../../../bin/escher.mjs', import.meta.url).pathname;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Resolves whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

// The real `escher` binary starting a real background daemon process, then stopping it.
describe('escher daemon start | status | stop (real processes)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const run = (...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      execFile(process.execPath, [BIN, ...args], { env }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      });
    });
  const home = (file: string): string => join(dir, 'home', file);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'escher-daemon-'));
    env = { ...process.env, ESCHER_HOME: join(dir, 'home'), ESCHER_PASSPHRASE: 'daemon test passphrase' };
    assert.equal((await run('init')).code, 0);
  });
  after(() => {
    // Only if a step failed before `stop`: end the daemon this test started, by its pid.
    try {
      const { pid } = JSON.parse(readFileSync(home('daemon.json'), 'utf8')) as { pid: number };
      process.kill(pid, 'SIGTERM');
    } catch {
      // Not running: nothing to clean.
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts in the background, answers with the token only, on 127.0.0.1 only, and stops cleanly', async () => {
    const started = await run('daemon', 'start', '--port', '0', '--json');
    assert.equal(started.code, 0, started.stderr);
    const info = JSON.parse(started.stdout) as {
      running: boolean;
      pid: number;
      port: number;
      url: string;
      tokenFile: string;
    };
    assert.equal(info.running, true);
    assert.equal(info.url, `http://127.0.0.1:${info.port}`);
    assert.equal(statSync(info.tokenFile).mode & 0o777, 0o600);
    assert.deepEqual(JSON.parse(readFileSync(home('daemon.json'), 'utf8')).pid, info.pid);

    const status = await run('daemon', 'status', '--json');
    assert.equal(status.code, 0, status.stderr);
    assert.deepEqual(
      (({ running, pid, url }) => ({ running, pid, url }))(
        JSON.parse(status.stdout) as Record<string, unknown>,
      ),
      { running: true, pid: info.pid, url: info.url },
    );

    const again = await run('daemon', 'start', '--port', '0');
    assert.equal(again.code, 1);
    assert.match(
      again.stderr,
      /^escher: The daemon is already running at http:\/\/127\.0\.0\.1:\d+ \(pid \d+\)/,
    );

    const token = readFileSync(info.tokenFile, 'utf8').trim();
    const auth = { authorization: `Bearer ${token}` };
    const list = await fetch(`${info.url}/api/v1/resources?limit=5`, { headers: auth });
    assert.equal(list.status, 200);
    assert.deepEqual(await list.json(), { count: 0, resources: [] });
    assert.equal((await fetch(`${info.url}/api/v1/resources`)).status, 401);
    // The real sync wiring answers on the request: this home has no accounts yet.
    const sync = await fetch(`${info.url}/api/v1/syncs`, { method: 'POST', headers: auth });
    assert.equal(sync.status, 400);
    assert.equal(((await sync.json()) as { error: { code: string } }).error.code, 'no-accounts');

    // Bound to 127.0.0.1 only: another loopback address (and so any other interface) is refused.
    assert.equal(await accepts('127.0.0.1', info.port), true);
    if (process.platform === 'linux') {
      assert.equal(await accepts('127.0.0.2', info.port), false);
      const hexPort = info.port.toString(16).toUpperCase().padStart(4, '0');
      const listeners = readFileSync('/proc/net/tcp', 'utf8')
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .filter((cols) => cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A');
      assert.deepEqual(
        listeners.map((cols) => cols[1]),
        [`0100007F:${hexPort}`],
      );
    }

    const stopped = await run('daemon', 'stop', '--json');
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.deepEqual(JSON.parse(stopped.stdout), { stopped: true, pid: info.pid });
    assert.equal(existsSync(home('daemon.json')), false);
    assert.throws(() => process.kill(info.pid, 0), /ESRCH/);
    assert.match(readFileSync(home('daemon.log'), 'utf8'), /SIGTERM: stopping[\s\S]*stopped/);
    assert.equal(await accepts('127.0.0.1', info.port), false);

    const down = await run('daemon', 'status', '--json');
    assert.equal(down.code, 3);
    assert.deepEqual(JSON.parse(down.stdout), { running: false });
  });

  it('detects a stale daemon.json whose process is gone, and stop removes it', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(
      home('daemon.json'),
      JSON.stringify({ pid: gone, port: 1, url: 'http://127.0.0.1:1', startedAt: new Date().toISOString() }),
    );
    const status = await run('daemon', 'status');
    assert.equal(status.code, 3);
    assert.match(status.stdout, /not running \(stale daemon\.json: pid \d+ is gone/);
    const stop = await run('daemon', 'stop');
    assert.equal(stop.code, 0, stop.stderr);
    assert.match(stop.stdout, /removed a stale daemon\.json/);
    assert.equal(existsSync(home('daemon.json')), false);
  });
});
