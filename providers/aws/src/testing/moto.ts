import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { OperationalError } from '@escher/protocol';

/** A moto server this process started (tests only: Escher never needs Python to run). */
export interface MotoServer {
  endpoint: string;
  /** Stops the server and its whole process group. */
  close(): Promise<void>;
}

/**
 * Starts `python3 -m moto.server` on a free loopback port and resolves once it answers. The child
 * leads its own process group, so `close()` ends it and anything it forked, and a test process
 * that dies takes it along. Rejects with `moto-unavailable` when Python or moto is missing.
 *
 * @example
 * const moto = await startMoto();
 * after(() => moto.close());
 */
export async function startMoto(options: { python?: string; timeoutMs?: number } = {}): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(
    options.python ?? 'python3',
    ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)],
    {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, PYTHONUNBUFFERED: '1' },
    },
  );
  let stderr = '';
  // Werkzeug logs every request to stderr: keep the tail, and never let a full pipe block it.
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', () => {
      exited = true;
      resolve();
    });
  });
  const onExit = (): void => kill(child);
  process.once('exit', onExit);
  void exit.then(() => process.off('exit', onExit));
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let delay = 25;
  for (;;) {
    if (exited) throw unavailable(`moto.server exited before it was ready: ${stderr.slice(-500)}`);
    if (Date.now() > deadline) {
      kill(child);
      throw unavailable(`moto.server was not ready in time: ${stderr.slice(-500)}`);
    }
    try {
      const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 200);
  }
  return {
    endpoint,
    close: async () => {
      if (exited) return;
      kill(child);
      await exit;
    },
  };
}

function unavailable(message: string): OperationalError {
  return new OperationalError('moto-unavailable', message, {
    retryable: false,
    hint: 'Install moto 5 for python3 (pip install "moto[server]")',
  });
}

function kill(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
