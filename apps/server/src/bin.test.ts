import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { askBody, TEST_KEYS } from './server.testing.ts';

const BIN = fileURLToPath(new URL('../bin/escher-server.mjs', import.meta.url));

describe('escher-server (the standalone binary)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'escher-server-'));
  const scratch = mkdtempSync(join(tmpdir(), 'escher-server-tsx-'));
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  // cwd and HOME are watched; TMPDIR is elsewhere, where tsx (not the server) keeps its IPC socket.
  it('serves asks, writes nothing to disk and logs no request text', async () => {
    const child = spawn(process.execPath, [BIN, '--port', '0'], {
      cwd: dir,
      env: {
        PATH: process.env['PATH'],
        HOME: dir,
        TMPDIR: scratch,
        ESCHER_SERVER_KEYS: `acme:${TEST_KEYS.acme}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', () => {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (m?.[1]) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const canary = 'CANARY-bin-5521';
    const res = await fetch(`${url}/v1/ask`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_KEYS.acme}`, 'content-type': 'application/json' },
      body: JSON.stringify(
        askBody({ request: `stop ${canary}`, context: { resourceCount: 1, names: [canary] } }),
      ),
    });
    assert.equal(res.status, 200);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
    assert.match(stderr, /POST \/v1\/ask 200/);
    assert.doesNotMatch(stderr, /CANARY/);
    assert.deepEqual(readdirSync(dir), []);
  });
});
