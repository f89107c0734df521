import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/escher-sim.mjs', import.meta.url));

describe('escher-sim command', () => {
  it('starts on free loopback ports, prints its endpoints as JSON, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, '--port', '0', '--seed', '3', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    const endpoints = JSON.parse(line) as { aws: string; azure: string; gcp: string; totalResources: number };
    assert.match(endpoints.aws, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(endpoints.azure, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.match(endpoints.gcp, /^http:\/\/127\.0\.0\.1:\d+$/);
    const manifest = (await (await fetch(`${endpoints.aws}/_sim/manifest`)).json()) as { seed: number };
    assert.equal(manifest.seed, 3);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
  });

  it('refuses bad flags with a one-line reason and exit code 1', async () => {
    const child = spawn(process.execPath, [bin, '--size', 'enormous', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 1);
    assert.match(stderr, /^escher-sim: size must be small, medium, large/);
  });
});
