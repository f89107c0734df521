import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { SimManifest } from '@escher/protocol';

/** A running `escher-sim` process, as a provider test sees it: endpoints and the manifest. */
export interface SimTarget {
  aws: string;
  azure: string;
  gcp: string;
  azureTenantId: string;
  azureAuthorityHost: string;
  /** PEM of the Azure endpoint's certificate. */
  caCert: string;
  manifest: SimManifest;
  stop(): Promise<void>;
}

/**
 * Starts the simulator as a separate process through its command (`escher-sim --port 0 --json`),
 * exactly as a user would, so providers stay ignorant of its code.
 */
export async function startSimProcess(args: readonly string[] = []): Promise<SimTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'escher-sim-'));
  const caFile = join(dir, 'ca.pem');
  const bin = join(process.cwd(), 'node_modules', '.bin', 'escher-sim');
  const child: ChildProcess = spawn(
    bin,
    ['--port', '0', '--json', '--ca-file', caFile, '--no-rate-limits', ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new RangeError(`escher-sim exited with ${String(code)} before printing its endpoints`);
    }),
  ])) as [string];
  const endpoints = JSON.parse(line) as Omit<SimTarget, 'manifest' | 'stop' | 'caCert'>;
  const manifest = (await (await fetch(`${endpoints.aws}/_sim/manifest`)).json()) as SimManifest;
  return {
    ...endpoints,
    caCert: readFileSync(caFile, 'utf8'),
    manifest,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
