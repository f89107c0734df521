import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { OperationalError } from '@escher/protocol';

/** moto's server could not be started or stopped as expected (code `moto-unavailable`). */
function motoUnavailable(message: string): OperationalError {
  return new OperationalError('moto-unavailable', message, {
    retryable: false,
    hint: 'moto 5.2.1 ships with the machine image: python3 -m moto.server must work',
  });
}

/** A moto server this process started (tests only: Escher never needs Python to run). */
export interface MotoServer {
  endpoint: string;
  port: number;
  /** Forgets every resource (moto's own `POST /moto-api/reset`). */
  reset(): Promise<void>;
  /** Stops the server and its whole process group. */
  close(): Promise<void>;
}

export interface StartMotoOptions {
  /** Interpreter with moto installed; default `python3` from PATH (pyenv's 3.11 with moto 5.2.1). */
  python?: string;
  /** How long to wait for readiness; moto's imports take one to three seconds. */
  timeoutMs?: number;
}

/**
 * Starts `python3 -m moto.server` on a free loopback port and resolves once `/moto-api/` answers.
 * The child leads its own process group, so `close()` ends it and anything it forked.
 *
 * @example
 * const moto = await startMoto();
 * const ec2 = new EC2Client({ endpoint: moto.endpoint, region: 'us-east-1', credentials });
 * after(() => moto.close());
 */
export async function startMoto(options: StartMotoOptions = {}): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(
    options.python ?? 'python3',
    ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)],
    {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'false', PYTHONUNBUFFERED: '1' },
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // A detached group outlives a crashed test process unless it is ended on the way out.
  const onExit = (): void => kill(child);
  process.once('exit', onExit);
  void exited.then(() => process.off('exit', onExit));
  try {
    await waitReady(endpoint, exited, options.timeoutMs ?? 30_000, () => stderr);
  } catch (error) {
    kill(child);
    throw error;
  }
  // Werkzeug logs every request to stderr; keep only the tail, and never let a full pipe block it.
  return {
    endpoint,
    port,
    reset: async () => {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!res.ok) throw motoUnavailable(`moto reset answered ${res.status}`);
    },
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      kill(child);
      await exited;
    },
  };
}

async function waitReady(
  endpoint: string,
  exited: Promise<number | null>,
  timeoutMs: number,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  let delay = 25;
  while (Date.now() < deadline) {
    if (gone) throw motoUnavailable(`moto.server exited before it was ready:\n${stderr()}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) {
        await res.arrayBuffer();
        return;
      }
    } catch {
      // not listening yet
    }
    // Poll with a short backoff: the readiness check itself is the wait, not a fixed sleep.
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 200);
  }
  throw motoUnavailable(`moto.server not ready after ${timeoutMs} ms:\n${stderr()}`);
}

function kill(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}

/** A port the OS says is free right now (bound to 0 and released). */
export function freePort(): Promise<number> {
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
