import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { startSimulator } from '@escher/sim';
import type { SimManifest } from '@escher/protocol';
import { addAccount } from '../accounts-file.ts';
import { printLines, type CliIo } from '../cli-io.ts';
import { initHome, resolveHome } from '../escher-home.ts';
import { runSync } from '../run-sync.ts';
import { formatSummaryLine } from '../../scanner/index.ts';

/**
 * `escher demo`: the simulator in-process with a seeded 3-cloud estate, the three clouds
 * connected to it in a fresh home (a temp directory unless `--home`), a sync with progress, and
 * what to try next. Keeps the simulator up until Ctrl+C unless `--no-wait`.
 */
export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('simulated 3-cloud estate: connect, sync, and keep the simulator up')
    .option('--home <dir>', 'ESCHER_HOME for the demo (default: a new temp directory)')
    .option('--seed <n>', 'estate seed', '7')
    .option('--size <size>', 'small | medium | large | a resource count', 'small')
    .option('--no-wait', 'exit after the sync instead of keeping the simulator up')
    .action(async (options: { home?: string; seed: string; size: string; wait: boolean }) => {
      const dir = options.home ?? mkdtempSync(join(tmpdir(), 'escher-demo-'));
      const env = { ...io.env, ESCHER_HOME: dir };
      const demoIo: CliIo = { ...io, env };
      const home = resolveHome(env);
      io.stderr.write('Starting the simulator…\n');
      const sim = await startSimulator({
        seed: Number(options.seed),
        size: options.size,
        ports: { aws: 0, azure: 0, gcp: 0 },
      });
      try {
        const { endpoints } = sim;
        const manifest = (await (await fetch(`${endpoints.aws}/_sim/manifest`)).json()) as SimManifest;
        await initHome(home, env);
        const caFile = join(home.dir, 'sim-azure-ca.pem');
        writeFileSync(caFile, endpoints.azureCaCert);
        const addedAt = new Date().toISOString();
        addAccount(
          home,
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
          home,
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
          home,
          {
            name: 'demo-gcp',
            cloud: 'gcp',
            endpoint: endpoints.gcp,
            credentials: { kind: 'access-token' },
            addedAt,
          },
          { token: 'demo' },
        );
        const summary = await runSync(demoIo, { json: false });
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
          '  node apps/escher/bin/escher.mjs sync --json',
          '',
          'Not built yet: the daemon and the web UI (so no URL to open) — the CLI is all there is for now.',
        ]);
        if (options.wait) {
          io.stderr.write('Simulator running; press Ctrl+C to stop.\n');
          await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
        }
      } finally {
        await sim.close();
      }
    });
}
