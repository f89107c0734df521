// `npm run bench`: escher-sim beside moto on the same SDK calls, in one run, plus the simulator's
// own figures (large-estate generation, rate-limit lower bound of a discovery sweep), the store's
// ingest (bench/store.ts) and a full `escher sync` of the large estate against its lower bound
// (bench/sync.ts). Prints a table and writes bench/results/latest.json. See bench/README.md for
// what each figure means.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startMoto, type MotoServer } from '@escher/provider-api/contract';
import { startSimulator, type RunningSimulator } from '../apps/sim/src/server.ts';
import { describeAll, ec2Client, firstPage, launchFleet, launchFleetRaw, rawEc2 } from './lib/fleet.ts';
import { formatMs, mb, median, percentile, ratio, repeat, timed } from './lib/stats.ts';
import { table } from './lib/table.ts';
import type { StoreBenchResult } from './store.ts';
import { syncReport, type SyncBenchResult } from './sync.ts';
import { sweepDescribeInstances, type SweepResult } from './sweep.ts';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const EPOCH = Date.UTC(2026, 10, 1);
const SIM_KEYS = { accessKeyId: 'AKIAEXAMPLEBENCH', secretAccessKey: 'bench' };
const MOTO_KEYS = { accessKeyId: 'AKIAEXAMPLEBENCH', secretAccessKey: 'bench' };
/** Regions no generated estate uses, so each fleet is exactly what the benchmark launched. */
const REGION_1K = 'sa-east-1';
const REGION_100K = 'ca-central-1';
const N = { fullSim: 10, fullMoto: 3, pageSim: 200, pageMoto: 10 };
/** Page sizes of the discovery sweeps: a scanner's 1,000, and 5, where the rate limit binds (README). */
const SWEEP_PAGE_SIZES = [1_000, 5] as const;

interface Row {
  figure: string;
  simMs?: number | undefined;
  motoMs?: number | undefined;
  note?: string | undefined;
}

const log = (msg: string): void => console.error(`· ${msg}`);

async function motoVersion(): Promise<string> {
  try {
    const { stdout } = await run('python3', ['-c', 'import moto; print(moto.__version__)']);
    return stdout.trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const rows: Row[] = [];
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: availableParallelism(),
    /** 1-minute load average at the start: other work on the machine skews every figure. */
    loadAverage: Math.round(loadavg()[0]! * 100) / 100,
    moto: await motoVersion(),
    simRateLimits: 'off for raw-speed rows; realistic (scale 1) for the sweeps',
  };

  log('starting moto and the simulator (small estate, rate limits off, transitions immediate)');
  let moto: MotoServer | undefined;
  let sim: RunningSimulator | undefined;
  try {
    [moto, sim] = await Promise.all([
      startMoto(),
      startSimulator({
        seed: 42,
        size: 'small',
        epoch: EPOCH,
        ports: { aws: 0, azure: 0, gcp: 0 },
        faults: { rateLimits: { enabled: false } },
        transitionMs: 0,
      }),
    ]);
    const simEc2 = ec2Client(sim.endpoints.aws, REGION_1K, SIM_KEYS);
    const motoEc2 = ec2Client(moto.endpoint, REGION_1K, MOTO_KEYS);

    log('launching 1,000 instances in each (one RunInstances of 1,000)');
    const [simLaunch, motoLaunch] = [await launchFleet(simEc2, 1_000), await launchFleet(motoEc2, 1_000)];
    rows.push({ figure: 'RunInstances ×1,000 (1 call)', simMs: simLaunch, motoMs: motoLaunch });

    log('full DescribeInstances at 1,000 instances');
    const [simCount, motoCount] = [await describeAll(simEc2), await describeAll(motoEc2)]; // also warms both up
    if (simCount !== 1_000 || motoCount !== 1_000)
      log(`warning: counted ${simCount} (sim) and ${motoCount} (moto) instances`);
    const simFull = await repeat(N.fullSim, () => describeAll(simEc2));
    const motoFull = await repeat(N.fullMoto, () => describeAll(motoEc2));
    rows.push({
      figure: 'DescribeInstances, all pages, 1,000 inst. (median)',
      simMs: median(simFull),
      motoMs: median(motoFull),
    });

    log('MaxResults=5 single pages at 1,000 instances');
    const simPage = await repeat(N.pageSim, () => firstPage(simEc2));
    const motoPage = await repeat(N.pageMoto, () => firstPage(motoEc2));
    rows.push({
      figure: 'DescribeInstances MaxResults=5, p50',
      simMs: percentile(simPage, 50),
      motoMs: percentile(motoPage, 50),
    });
    rows.push({
      figure: 'DescribeInstances MaxResults=5, p95',
      simMs: percentile(simPage, 95),
      motoMs: percentile(motoPage, 95),
    });

    log('raw-HTTP 1,000-instance pages (server time + transfer, no SDK parsing)');
    const page1000 = { Action: 'DescribeInstances', MaxResults: '1000' };
    const simRaw = await repeat(N.fullSim, () => rawEc2(sim!.endpoints.aws, REGION_1K, page1000));
    const motoRaw = await repeat(N.fullMoto, () => rawEc2(moto!.endpoint, REGION_1K, page1000));
    const pageBytes = await rawEc2(sim.endpoints.aws, REGION_1K, page1000);
    rows.push({
      figure: 'DescribeInstances 1,000-inst. page, raw HTTP (median)',
      simMs: median(simRaw),
      motoMs: median(motoRaw),
    });
    motoEc2.destroy();
    await moto.close();
    moto = undefined;

    log('launching 100,000 instances in the simulator (100 raw-HTTP RunInstances of 1,000)');
    const simLaunch100k = await launchFleetRaw(sim.endpoints.aws, REGION_100K, 100_000);
    const moto100kLaunch = motoLaunch * 100;
    rows.push({
      figure: 'RunInstances ×100,000 (100 raw-HTTP calls)',
      simMs: simLaunch100k,
      note: `moto: skipped (would take ~${formatMs(moto100kLaunch)}, extrapolated linearly from its 1,000 run)`,
    });
    log('full DescribeInstances at 100,000 instances (SDK paginator, 100 pages)');
    const sim100k = ec2Client(sim.endpoints.aws, REGION_100K, SIM_KEYS);
    const since = sim.log.lastSeq;
    const full100k = await timed(() => describeAll(sim100k));
    if (full100k.value !== 100_000) log(`warning: counted ${full100k.value} instances`);
    const server100k = sim.log.list(since).reduce((sum, c) => sum + c.durationMs, 0);
    const moto100kFull = median(motoFull) * 100;
    rows.push({
      figure: 'DescribeInstances, all pages, 100,000 inst.',
      simMs: full100k.ms,
      note: `moto: skipped (would take ~${formatMs(moto100kFull)}, extrapolated linearly from its 1,000 run); the simulator's own handling was ${formatMs(server100k)} of it, the rest is the SDK parsing ${mb(pageBytes * 100)} MB of XML`,
    });
    const simPage100k = await repeat(N.pageSim, () => firstPage(sim100k));
    rows.push({
      figure: 'DescribeInstances MaxResults=5 at 100,000, p50',
      simMs: percentile(simPage100k, 50),
    });
    rows.push({
      figure: 'DescribeInstances MaxResults=5 at 100,000, p95',
      simMs: percentile(simPage100k, 95),
    });
    simEc2.destroy();
    sim100k.destroy();
    await sim.close();
    sim = undefined;

    log("generating the large estate in a fresh process (generateEstate({ size: 'large' }))");
    const estate = await measureEstate();

    log('discovery sweeps of DescribeInstances across accounts × regions, realistic rate limits');
    const sweeps = await runSweeps();

    log('store ingest, 100,000 synthetic resources, in a fresh process (bench/store.ts)');
    const store = await runJson<StoreBenchResult>('store.ts', ['100000']);
    log('a full escher sync of the large estate, rate limits and latency on (bench/sync.ts)');
    const sync = await runJson<SyncBenchResult>('sync.ts', ['--size', 'large']);

    printReport(meta, rows, estate, sweeps, performance.now() - started);
    printStoreAndSync(store, sync);
    const out = join(root, 'bench', 'results', 'latest.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(
      out,
      `${JSON.stringify(
        {
          meta: { ...meta, totalMs: Math.round(performance.now() - started) },
          samples: { simFull, motoFull, simRaw, motoRaw, simPage, motoPage, simPage100k },
          rows,
          full100k: { wallMs: full100k.ms, simServerMs: server100k, pageBytes },
          extrapolatedMoto100k: { launchMs: moto100kLaunch, describeAllMs: moto100kFull },
          estate,
          sweeps,
          store,
          sync,
        },
        null,
        2,
      )}\n`,
    );
    console.log(`\nwrote ${out}`);
  } finally {
    await moto?.close();
    await sim?.close();
  }
}

interface EstateFigures {
  size: string;
  ms: number;
  resources: number;
  heapDeltaBytes: number;
  rssDeltaBytes: number;
  peakRssDeltaBytes: number;
  gcExposed: boolean;
}

/** Runs a bench script in a fresh process (its own heap and peak RSS) and reads its JSON line. */
async function runJson<T>(script: string, args: readonly string[]): Promise<T> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench', script), ...args, '--json'],
    { cwd: root, env: { ...process.env, NODE_NO_WARNINGS: '1' }, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as T;
}

function printStoreAndSync(store: StoreBenchResult, sync: SyncBenchResult): void {
  const n = (value: number): string => Math.round(value).toLocaleString('en-US');
  console.log(
    `\nStore ingest (bench/store.ts, ${n(store.resources)} synthetic resources in ${store.scopes} scopes, load ${store.loadAverage}): ` +
      `${n(store.ingestPerSecond)} resources/s in replaceScope (CPU ${n(store.ingestCpuPerSecond)}/s; SPEC ≥ 50,000), ` +
      `finishSync ${formatMs(store.finishMs)}, re-sync unchanged ${n(store.resyncPerSecond)}/s, ${n(store.bytesPerResource)} bytes/resource`,
  );
  console.log('\nFull sync of the large estate (bench/sync.ts):');
  const rows = syncReport(sync);
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

async function measureEstate(): Promise<EstateFigures> {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(root, 'bench', 'estate-memory.ts'), 'large', '42'],
    {
      cwd: root,
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as EstateFigures;
}

type Sweep = SweepResult & { pageSize: number };

async function runSweeps(): Promise<{ generateMs: number; runs: Sweep[] }> {
  const faults = { rateLimits: { enabled: true, scale: 1 } };
  const { ms: generateMs, value: sim } = await timed(() =>
    startSimulator({ seed: 42, size: 'large', epoch: EPOCH, ports: { aws: 0, azure: 0, gcp: 0 }, faults }),
  );
  try {
    const runs: Sweep[] = [];
    for (const pageSize of SWEEP_PAGE_SIZES) {
      sim.faults.set(faults); // full buckets for each sweep
      runs.push({ pageSize, ...(await sweepDescribeInstances(sim, pageSize)) });
    }
    return { generateMs, runs };
  } finally {
    await sim.close();
  }
}

function printReport(
  meta: Record<string, unknown>,
  rows: Row[],
  estate: EstateFigures,
  sweeps: { generateMs: number; runs: Sweep[] },
  totalMs: number,
): void {
  console.log(
    `\nescher-sim benchmark — ${String(meta.date)}, Node ${String(meta.node)}, ${String(meta.cpus)} CPUs (load ${String(meta.loadAverage)} at start), moto ${String(meta.moto)}`,
  );
  console.log(
    'Raw-speed rows: simulator rate limits OFF; same SDK (@aws-sdk/client-ec2), same calls, both on loopback.\n',
  );
  console.log(
    table(
      ['figure', 'escher-sim', 'moto', 'moto ÷ sim'],
      rows.map((r) => [
        r.figure,
        formatMs(r.simMs ?? Number.NaN),
        r.motoMs === undefined ? '—' : formatMs(r.motoMs),
        r.motoMs === undefined ? '—' : ratio(r.motoMs, r.simMs ?? Number.NaN),
      ]),
    ),
  );
  for (const r of rows.filter((x) => x.note)) console.log(`  ${r.figure}: ${r.note}`);
  console.log(
    `\nLarge estate (generateEstate, size 'large', seed 42, fresh process): ${estate.resources.toLocaleString('en-US')} resources in ${formatMs(estate.ms)}; ` +
      `retained heap +${mb(estate.heapDeltaBytes)} MB, RSS +${mb(estate.rssDeltaBytes)} MB (peak +${mb(estate.peakRssDeltaBytes)} MB)` +
      (estate.gcExposed ? '' : ' [no --expose-gc: deltas include garbage]'),
  );
  console.log(
    `\nDiscovery sweeps (large estate generated and served in ${formatMs(sweeps.generateMs)}; realistic rate limits ON; ` +
      'every account × estate region in parallel; DescribeRegions per account, then every DescribeInstances page; SDK adaptive retry):',
  );
  console.log(
    table(
      [
        'MaxResults',
        'instances',
        'served calls',
        'throttled',
        'lower bound',
        'span',
        'span ÷ bound',
        'sim busy',
        'binding bucket',
      ],
      sweeps.runs.map((r) => [
        String(r.pageSize),
        r.instances.toLocaleString('en-US'),
        r.summary.calls.toLocaleString('en-US'),
        String(r.summary.throttled),
        formatMs(r.summary.lowerBoundMs),
        formatMs(r.summary.spanMs),
        r.summary.lowerBoundMs > 0
          ? `${(r.summary.spanMs / r.summary.lowerBoundMs).toFixed(2)}×`
          : '— (bound 0: no bucket past its burst)',
        formatMs(r.serverMs),
        r.summary.bindingBucket ?? '—',
      ]),
    ),
  );
  console.log(`\nTotal benchmark time: ${formatMs(totalMs)}`);
}

/**
 * The benchmarks that follow the simulator's, each in a process of its own so no heap skews
 * another: search and ask at 100,000 resources (SPEC 10), the engine's per-step overhead, the
 * daemon's event stream and the ledger. `--only=NAME[,NAME]` runs just those (`--only=search`),
 * `--skip=NAME[,NAME]` leaves them out (`sim` is the section above).
 */
const SECTIONS: readonly { name: string; script: string; args: readonly string[] }[] = [
  { name: 'search', script: 'bench/search/latency.ts', args: [] },
  { name: 'ask', script: 'bench/ask/ask-latency.ts', args: ['100000'] },
  { name: 'engine', script: 'bench/engine.ts', args: [] },
  { name: 'events', script: 'apps/escher/src/daemon/event-stream.bench.ts', args: ['10000'] },
  { name: 'ledger', script: 'bench/ledger.ts', args: ['10000'] },
];

function namesFrom(flag: string): Set<string> | undefined {
  const arg = process.argv.find((a) => a.startsWith(`--${flag}=`));
  return arg === undefined ? undefined : new Set(arg.slice(flag.length + 3).split(','));
}

async function runSection(name: string, script: string, args: readonly string[]): Promise<void> {
  console.log(`\n── ${name} (${script}) ──`);
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, script), ...args], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) log(`${name} benchmark exited with ${String(code)}`);
}

const only = namesFrom('only');
const skip = namesFrom('skip') ?? new Set<string>();
const wanted = (name: string): boolean => (only === undefined || only.has(name)) && !skip.has(name);
if (wanted('sim')) await main();
for (const section of SECTIONS) {
  if (wanted(section.name)) await runSection(section.name, section.script, section.args);
}
