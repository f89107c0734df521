// `escher ask` → plan latency, offline path, at 100,000 resources (SPEC section 10: p95 ≤ 50 ms).
// A fresh encrypted store holds the synthetic estate (store/testing); each request runs the
// whole client turn in this process: scrub, the estate summary (counts by SQL), the in-process
// intelligence server over `app.request` (parse, rank, validate, UI), local target resolution,
// then the read answer or the engine's stored, hashed plan (no cloud dry run: offline).
//
// Run alone: node --import tsx bench/ask/ask-latency.ts [count] [--json]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  runAskTurn,
  inProcessServer,
  playbookParams,
  type AskPlanner,
} from '../../apps/escher/src/ask/index.ts';
import { Engine } from '../../apps/escher/src/engine/engine.ts';
import { builtinPlaybooks } from '../../apps/escher/src/playbooks/playbook-library.ts';
import { staticKeySource, Store, systemClock } from '../../apps/escher/src/store/index.ts';
import { groupByScope, syntheticEstate } from '../../apps/escher/src/store/testing/index.ts';
import { percentile } from '../lib/stats.ts';
import { UnexpectedError } from '@escher/protocol';

/**
 * The headline mix: reads answered locally, and changes narrowed the way people ask for them
 * (an environment, a region, a team), which plan tens to a couple of hundred targets.
 */
export const ASK_REQUESTS = [
  'how many VMs are running in us-east-1?',
  'list the prod databases in Frankfurt',
  'what do the dev disks in eu-west-1 cost per month?',
  'which buckets are public?',
  'show stopped instances in azure tagged team payments',
  'stop the dev VMs in us-west-2 tagged team payments',
  'restart the staging databases in westeurope owned by ana.silva',
  'tag the test VMs in us-central1 for the search team as owner:platform',
  'snapshot the prod disks in us-east-1 tagged app checkout-api',
  'delete the unattached test disks in West US 2',
] as const;

/** Changes over a whole type in a region (500–1,500 targets): the plan itself dominates. */
export const WIDE_REQUESTS = [
  'stop the dev VMs in us-west-2',
  'restart the staging databases in westeurope',
  'snapshot the prod disks in us-east-1',
] as const;

/** What the benchmark measured, for bench/run.ts. */
export interface AskLatencyResult {
  resources: number;
  buildMs: number;
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  /**
   * CPU time per turn (user + system of this process). The turn runs on one thread — SQLite is
   * synchronous here — so on a machine shared with other work this is the latency an idle one
   * would see; wall time adds the wait for a core.
   */
  cpuP50: number;
  cpuP95: number;
  readP95: number;
  planP95: number;
  /** SPEC 10's figure proper: the requests that end in a plan (ask → plan), wall and CPU. */
  planP50: number;
  planCpuP50: number;
  planCpuP95: number;
  /** Reads answer with every matching resource (thousands here): materialising them dominates. */
  readCpuP95: number;
  /** WIDE_REQUESTS, apart: plans of 500–1,500 targets. */
  wideP50: number;
  wideP95: number;
  wideMedianTargets: number;
  /** Median targets per request, for reading the figures. */
  medianTargets: number;
  loadAverage: number;
}

const log = (msg: string): void => console.error(`· ${msg}`);

/** Builds the store, warms up, then times `rounds` passes over ASK_REQUESTS. */
export async function run(
  options: { count?: number; rounds?: number; verbose?: boolean } = {},
): Promise<AskLatencyResult> {
  const count = options.count ?? 100_000;
  const rounds = options.rounds ?? 10;
  const dir = mkdtempSync(join(tmpdir(), 'escher-ask-bench-'));
  const store = new Store({
    path: join(dir, 'store.db'),
    keySource: staticKeySource({ kind: 'raw', bytes: randomBytes(32) }),
    clock: systemClock,
  });
  try {
    await store.open();
    const building = performance.now();
    const syncId = store.beginSync();
    for (const { scope, resources } of groupByScope(syntheticEstate({ count, seed: 42 }))) {
      store.replaceScope(scope, resources, syncId);
    }
    store.finishSync(syncId, { apiCalls: 0 });
    const buildMs = performance.now() - building;
    log(`store of ${count} resources built in ${Math.round(buildMs)} ms`);

    const engine = new Engine({
      db: store.database(),
      record: () => undefined,
      signingKey: () => {
        throw new UnexpectedError('bench-no-approvals', 'The benchmark plans only; it never approves');
      },
      actor: 'bench',
      clock: systemClock,
      sleep: async () => undefined,
      graph: store.edges(),
      resourceOf: (id) => store.getResource(id),
      actionsFor: () => undefined,
      commandEnv: () => ({}),
      redact: (text) => text,
    });
    const playbooks = new Map(builtinPlaybooks().map((p) => [p.playbook.id, p]));
    const planner: AskPlanner = async ({ playbookId, intent, targets }) => {
      const loaded = playbooks.get(playbookId)!;
      return engine.plan({
        playbook: loaded,
        state: loaded.playbook.state,
        candidates: targets,
        params: playbookParams(loaded.playbook, intent),
        dryRun: false,
      });
    };
    const deps = {
      store,
      server: inProcessServer(),
      redact: (text: string) => text,
      now: () => new Date(),
      planner,
    };
    // Warm-up: the first question after a sync computes the estate summary (one scan), JIT.
    for (const request of [...ASK_REQUESTS, ...WIDE_REQUESTS]) await runAskTurn(deps, request);
    const all: number[] = [];
    const cpu: number[] = [];
    const planCpu: number[] = [];
    const readCpu: number[] = [];
    const reads: number[] = [];
    const plans: number[] = [];
    const targets: number[] = [];
    const wide: number[] = [];
    const wideTargets: number[] = [];
    const byRequest = new Map<string, number[]>();
    const note = (request: string, ms: number): void => {
      byRequest.set(request, [...(byRequest.get(request) ?? []), ms]);
    };
    for (let round = 0; round < rounds; round += 1) {
      for (const request of ASK_REQUESTS) {
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        const outcome = await runAskTurn(deps, request);
        const ms = performance.now() - started;
        const used = process.cpuUsage(cpuStarted);
        const cpuMs = (used.user + used.system) / 1000;
        cpu.push(cpuMs);
        all.push(ms);
        note(request, ms);
        (outcome.planned ? plans : reads).push(ms);
        (outcome.planned ? planCpu : readCpu).push(cpuMs);
        targets.push(outcome.json.targets.length);
      }
      for (const request of WIDE_REQUESTS) {
        const started = performance.now();
        const outcome = await runAskTurn(deps, request);
        wide.push(performance.now() - started);
        note(request, wide.at(-1)!);
        wideTargets.push(outcome.json.targets.length);
      }
    }
    const r = (x: number): number => Math.round(x * 10) / 10;
    if (options.verbose) {
      for (const [request, times] of byRequest) {
        log(`p50 ${r(percentile(times, 50))} ms, max ${r(Math.max(...times))} ms  ${request}`);
      }
    }
    return {
      resources: count,
      buildMs: Math.round(buildMs),
      samples: all.length,
      p50: r(percentile(all, 50)),
      p95: r(percentile(all, 95)),
      p99: r(percentile(all, 99)),
      cpuP50: r(percentile(cpu, 50)),
      cpuP95: r(percentile(cpu, 95)),
      readP95: r(percentile(reads, 95)),
      planP95: r(percentile(plans, 95)),
      planP50: r(percentile(plans, 50)),
      planCpuP50: r(percentile(planCpu, 50)),
      planCpuP95: r(percentile(planCpu, 95)),
      readCpuP95: r(percentile(readCpu, 95)),
      medianTargets: percentile(targets, 50),
      wideP50: r(percentile(wide, 50)),
      wideP95: r(percentile(wide, 95)),
      wideMedianTargets: percentile(wideTargets, 50),
      loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('ask-latency.ts')) {
  const count = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 100_000);
  const result = await run({ count, verbose: process.argv.includes('--verbose') });
  if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else
    console.log(
      `ask → plan, offline, ${result.resources} resources (load ${result.loadAverage}): ` +
        `plans p50 ${result.planP50} / p95 ${result.planP95} ms wall, CPU p50 ${result.planCpuP50} / p95 ${result.planCpuP95} ms (SPEC p95 ≤ 50); ` +
        `reads p95 ${result.readP95} ms wall, CPU ${result.readCpuP95} ms; all ${result.samples} turns p50 ${result.p50} / p95 ${result.p95} ms wall, CPU p95 ${result.cpuP95} ms ` +
        `(median ${result.medianTargets} targets); wide plans (median ${result.wideMedianTargets} targets): p50 ${result.wideP50}, p95 ${result.wideP95} ms`,
    );
}
