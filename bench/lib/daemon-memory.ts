// Daemon memory at N resources (SPEC section 10: ≤ 300 MB RSS at 100k). A fresh ESCHER_HOME is
// filled with a synthetic estate through the store's own sync path, then the real CLI serves it
// (`escher daemon run` in a child process, as `escher daemon start` does) and the benchmark asks
// for the whole estate three ways while reading the daemon's RSS from /proc:
// - `GET /api/v1/resources` unpaged: the streamed answer;
// - the same in keyset pages of 1,000 (`?limit=1000&after=…`);
// - `?limit=N&offset=0`, the offset path (streamed too; before session 3 it built the whole
//   answer with `.all()` and one JSON string, as the unpaged answer did: 685 MB peak at 100k).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { initHome, openStore, resolveHome } from '../../apps/escher/src/cli/escher-home.ts';
import { daemonFiles } from '../../apps/escher/src/daemon/daemon-files.ts';
import { groupByScope, syntheticEstate } from '../../apps/escher/src/store/testing/index.ts';

/** What one run measured; RSS figures are the daemon process's, in bytes. */
export interface DaemonMemoryResult {
  resources: number;
  /** After start, before any request. */
  idleRssBytes: number;
  /** Peak RSS (VmHWM) after the streamed unpaged list and the keyset walk. */
  streamedPeakRssBytes: number;
  streamedMs: number;
  streamedBytes: number;
  keysetPages: number;
  keysetMs: number;
  /** Peak RSS after the offset path answered the whole list. */
  offsetPeakRssBytes: number;
  offsetMs: number;
}

const ROOT = new URL('../../', import.meta.url).pathname;

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024;
}

/** Fills a home with `count` resources, serves it with the real CLI and measures the daemon. */
export async function measureDaemonMemory(
  count: number,
  log: (line: string) => void = () => {},
): Promise<DaemonMemoryResult> {
  const dir = mkdtempSync(join(tmpdir(), 'escher-daemon-memory-'));
  const env: Record<string, string | undefined> = {
    ...process.env,
    ESCHER_HOME: dir,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  try {
    const home = resolveHome(env);
    await initHome(home, env);
    log(`writing ${count.toLocaleString('en-US')} synthetic resources`);
    const store = await openStore(home, env);
    try {
      const syncId = store.beginSync();
      for (const { scope, resources } of groupByScope(syntheticEstate({ count }))) {
        store.replaceScope(scope, resources, syncId);
      }
      store.finishSync(syncId, { apiCalls: 0 });
    } finally {
      store.close();
    }

    log('starting `escher daemon run --port 0`');
    const child = spawn(
      process.execPath,
      [join(ROOT, 'apps/escher/bin/escher.mjs'), 'daemon', 'run', '--port', '0'],
      {
        env,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    try {
      const files = daemonFiles(dir);
      while (!existsSync(files.state)) {
        if (child.exitCode !== null) throw new RangeError(`the daemon exited with ${child.exitCode}`);
        await sleep(100);
      }
      const { url } = JSON.parse(readFileSync(files.state, 'utf8')) as { url: string };
      const token = readFileSync(files.token, 'utf8').trim();
      const get = (path: string): Promise<Response> =>
        fetch(`${url}/api/v1/resources${path}`, { headers: { authorization: `Bearer ${token}` } });
      const pid = child.pid!;
      await sleep(500);
      const idleRssBytes = procStatus(pid, 'VmRSS');

      let started = performance.now();
      const res = await get('');
      let streamedBytes = 0;
      for await (const chunk of res.body!) streamedBytes += (chunk as Uint8Array).byteLength;
      const streamedMs = performance.now() - started;

      started = performance.now();
      let keysetPages = 0;
      let after: string | undefined;
      do {
        const page = (await (
          await get(`?limit=1000${after ? `&after=${encodeURIComponent(after)}` : ''}`)
        ).json()) as {
          next?: string;
        };
        after = page.next;
        keysetPages += 1;
      } while (after);
      const keysetMs = performance.now() - started;
      const streamedPeakRssBytes = procStatus(pid, 'VmHWM');

      started = performance.now();
      await (await get(`?limit=${count}&offset=0`)).arrayBuffer();
      const offsetMs = performance.now() - started;
      const offsetPeakRssBytes = procStatus(pid, 'VmHWM');
      return {
        resources: count,
        idleRssBytes,
        streamedPeakRssBytes,
        streamedMs,
        streamedBytes,
        keysetPages,
        keysetMs,
        offsetPeakRssBytes,
        offsetMs,
      };
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
