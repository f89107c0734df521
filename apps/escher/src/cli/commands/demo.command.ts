import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UserError, type SimManifest } from '@escher/protocol';
import { addAccount, openAccountSecrets } from '../accounts-file.ts';
import { printLines, type CliIo } from '../cli-io.ts';
import { initHome, openStore, resolveHome } from '../escher-home.ts';
import { acquireSyncLock } from '../sync-lock.ts';
import { formatSummaryLine } from '../../scanner/index.ts';
import { DEFAULT_DAEMON_PORT } from '../../daemon/daemon-files.ts';
import { serveDaemon, type ServedDaemon } from '../../daemon/serve-daemon.ts';

/**
 * `escher demo`: the simulator in-process with a seeded 3-cloud estate, the three clouds
 * connected to it in a fresh home (a temp directory unless `--home`), a sync with progress, the
 * daemon on 127.0.0.1 (in this process), and what to try next. Keeps the simulator and the daemon
 * up until Ctrl+C unless `--no-wait`.
 */
export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('simulated 3-cloud estate: connect, sync, and keep the simulator up')
    .option('--home <dir>', 'ESCHER_HOME for the demo (default: a new temp directory)')
    .option('--seed <n>', 'estate seed', '7')
    .option('--size <size>', 'small | medium | large | a resource count', 'small')
    .option('--port <n>', 'daemon port on 127.0.0.1 (a free one if taken)', String(DEFAULT_DAEMON_PORT))
    .option('--no-wait', 'exit after the sync instead of keeping the simulator and the daemon up')
    .action(async (options: { home?: string; seed: string; size: string; port: string; wait: boolean }) => {
      // Loaded on use: the simulator and the cloud SDKs would slow every other command's start.
      const [{ startSimulator }, { runSync }] = await Promise.all([
        import('@escher/sim'),
        import('../run-sync.ts'),
      ]);
      const dir = options.home ?? mkdtempSync(join(tmpdir(), 'escher-demo-'));
      const env = { ...io.env, ESCHER_HOME: dir };
      const demoIo: CliIo = { ...io, env };
      const home = resolveHome(env);
      // The demo's sync takes the home's sync lock like `escher sync` and the daemon do: on a home
      // where one runs, fail now (naming it) rather than after starting the simulator.
      mkdirSync(home.dir, { recursive: true, mode: 0o700 });
      const lock = acquireSyncLock(home, { by: 'escher demo' });
      io.stderr.write('Starting the simulator…\n');
      let daemon: ServedDaemon | undefined;
      let sim: Awaited<ReturnType<typeof startSimulator>>;
      try {
        sim = await startSimulator({
          seed: Number(options.seed),
          size: options.size,
          ports: { aws: 0, azure: 0, gcp: 0 },
        });
      } catch (error) {
        lock.release();
        throw error;
      }
      try {
        const { endpoints } = sim;
        const manifest = (await (await fetch(`${endpoints.aws}/_sim/manifest`)).json()) as SimManifest;
        await initHome(home, env);
        const caFile = join(home.dir, 'sim-azure-ca.pem');
        writeFileSync(caFile, endpoints.azureCaCert);
        const addedAt = new Date().toISOString();
        const secrets = await openAccountSecrets(home, await openStore(home, env));
        addAccount(
          secrets,
          {
            name: 'demo-aws',
            cloud: 'aws',
            endpoint: endpoints.aws,
            credentials: {
              kind: 'roles',
              base: { kind: 'keys', accessKeyId: 'AKIAESCHERDEMO000001' },
              roleArns: (manifest.accounts['aws'] ?? []).map((a) => `arn:aws:iam::${a.id}:role/escher-read`),
            },
            addedAt,
          },
          { 'base.secretAccessKey': 'demo' },
        );
        addAccount(
          secrets,
          {
            name: 'demo-azure',
            cloud: 'azure',
            endpoint: endpoints.azure,
            caFile,
            credentials: {
              kind: 'service-principal',
              tenantId: endpoints.azureTenantId,
              clientId: 'escher-demo',
            },
            addedAt,
          },
          { clientSecret: 'demo' },
        );
        addAccount(
          secrets,
          {
            name: 'demo-gcp',
            cloud: 'gcp',
            endpoint: endpoints.gcp,
            credentials: { kind: 'access-token' },
            addedAt,
          },
          { token: 'demo' },
        );
        secrets.store.close();
        const summary = await runSync(demoIo, { json: false });
        // Released before the daemon starts: its start-up takes the lock to look for stale syncs.
        lock.release();
        daemon = await startDemoDaemon(demoIo, Number(options.port));
        const { url } = daemon.state;
        printLines(io, [
          '',
          `Synced the simulated estate: ${formatSummaryLine(summary)} (manifest: ${manifest.totalResources} resources)`,
          '',
          `Simulator: AWS ${endpoints.aws}  Azure ${endpoints.azure}  GCP ${endpoints.gcp}`,
          `ESCHER_HOME: ${home.dir}`,
          '',
          'Try next (in another terminal):',
          `  export ESCHER_HOME=${home.dir}`,
          '  node apps/escher/bin/escher.mjs resources --cloud aws --type compute.instance',
          '  node apps/escher/bin/escher.mjs resources --env prod --state running --json',
          '  node apps/escher/bin/escher.mjs search "postgress prod db" --explain',
          '  node apps/escher/bin/escher.mjs playbooks list',
          '  node apps/escher/bin/escher.mjs audit verify',
          '  node apps/escher/bin/escher.mjs sync --json',
          '',
          `Daemon (HTTP API, 127.0.0.1 only): ${url}${options.wait ? '' : ' (stopped again: --no-wait)'}`,
          `  token: ${daemon.tokenFile} — every call needs "Authorization: Bearer <token>"`,
          `  curl -H "Authorization: Bearer $(cat ${daemon.tokenFile})" "${url}/api/v1/resources?cloud=aws&limit=3"`,
          `  API description: ${url}/api/v1/openapi.json; status: node apps/escher/bin/escher.mjs daemon status`,
          '',
          'Not built yet: the web UI (the daemon serves the API only).',
        ]);
        if (options.wait) {
          io.stderr.write('Simulator and daemon running; press Ctrl+C to stop.\n');
          await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
        }
      } finally {
        lock.release();
        await daemon?.close();
        await sim.close();
      }
    });
}

/** The daemon on the demo home; on a taken port it takes a free one rather than failing the demo. */
async function startDemoDaemon(io: CliIo, port: number): Promise<ServedDaemon> {
  const home = resolveHome(io.env);
  const log = (line: string): void => {
    io.stderr.write(`daemon: ${line}\n`);
  };
  try {
    return await serveDaemon({ home, env: io.env, port, log });
  } catch (error) {
    if (!(error instanceof UserError) || error.code !== 'daemon-port-in-use') throw error;
    io.stderr.write(`Port ${port} is taken; the daemon takes a free one.\n`);
    return serveDaemon({ home, env: io.env, port: 0, log });
  }
}
