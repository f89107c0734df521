// Engine overhead (issue 5): 1,000 no-op operation steps applied in parallel (1,000 targets,
// concurrency 1,000) on a real encrypted store and signed ledger, and the event stream's
// throughput. What is measured is the engine's own cost per step: the two signed ledger entries,
// step rows and events (the operation itself does nothing).
//
// Run alone: node --import tsx bench/engine.ts [steps=1000] [events=20000]
// CPU time is printed beside wall time because other work on the machine stretches wall time.
import { loadavg } from 'node:os';
import { OPERATION_PARAMS, PlaybookSchema, type Resource } from '@escher/protocol';
import type { ProviderActions } from '@escher/provider-api';
import { Engine } from '../apps/escher/src/engine/engine.ts';
import { openTempLedger } from '../apps/escher/src/ledger/ledger.testing.ts';
import type { LoadedPlaybook } from '../apps/escher/src/playbooks/index.ts';

/** The engine benchmark's figures (milliseconds unless named otherwise). */
export interface EngineBenchResult {
  steps: number;
  state: string;
  planMs: number;
  applyMs: number;
  applyCpuMs: number;
  perStepMs: number;
  events: number;
  eventsPerSecond: number;
  loadAverage: number;
}

/** Runs the benchmark on a throwaway store and ledger and returns its figures. */
export async function run(options: { steps?: number; events?: number } = {}): Promise<EngineBenchResult> {
  const steps = options.steps ?? 1000;
  const events = options.events ?? 20_000;
  const t = await openTempLedger();
  try {
    const resources: Resource[] = Array.from({ length: steps }, (_, i) => ({
      id: `i-${i}`,
      nativeId: `i-${i}`,
      cloud: 'aws',
      account: '111122223333',
      region: 'us-east-1',
      type: 'compute.instance',
      nativeType: 'AWS::EC2::Instance',
      name: `bench-${i}`,
      state: 'running',
      environment: 'dev',
      tags: {},
      attributes: {},
      relationships: [],
    }));
    const noop: ProviderActions = {
      operations: [
        {
          id: 'resource.tag',
          params: OPERATION_PARAMS['resource.tag'],
          run: async () => ({ status: 'succeeded', message: 'no-op' }),
        },
      ],
      refresh: async (r) => r,
    };
    const byId = new Map(resources.map((r) => [r.id, r]));
    const engine = new Engine({
      db: t.db,
      record: (e) => t.ledger.append(e),
      signingKey: () => t.ledger.signingKey(),
      actor: 'bench',
      clock: { now: () => Date.now() },
      sleep: async () => undefined,
      graph: { incoming: () => [], known: () => new Map() },
      resourceOf: (id) => byId.get(id),
      actionsFor: () => noop,
      commandEnv: () => ({}),
      redact: (s) => s,
      load: async () => undefined,
    });
    const playbook: LoadedPlaybook = {
      playbook: PlaybookSchema.parse({
        id: 'bench.noop',
        name: 'no-op',
        description: 'bench',
        version: '1.0.0',
        risk: 'low',
        applicability: { clouds: ['aws'], resourceTypes: ['compute.instance'], actions: ['tag'] },
        execution: { strategy: 'parallel', concurrency: 1000, maxTargets: 100_000 },
        steps: [{ id: 'noop', action: 'resource.tag', input: { tags: { bench: 'yes' } } }],
      }),
      source: 'user',
      text: '',
      sha256: '0'.repeat(64),
      file: 'bench',
    };

    const loadAverage = Math.round((loadavg()[0] ?? 0) * 100) / 100;
    const cpu0 = process.cpuUsage();
    let w0 = performance.now();
    const { plan } = await engine.plan({
      playbook,
      state: 'ready',
      candidates: resources,
      params: {},
      dryRun: false,
    });
    const planMs = performance.now() - w0;
    engine.approve(plan.id, { kind: 'yes' }, 'ready');
    w0 = performance.now();
    const { state } = await engine.apply(plan.id);
    const applyMs = performance.now() - w0;
    const cpu = process.cpuUsage(cpu0);

    const executionId = engine.table.get(plan.id).id;
    w0 = performance.now();
    for (let i = 0; i < events; i++)
      engine.bus.emit({ executionId, kind: 'output', stream: 'stdout', text: `line ${i}` });
    const eventMs = performance.now() - w0;
    return {
      steps,
      state,
      planMs: Math.round(planMs),
      applyMs: Math.round(applyMs),
      applyCpuMs: Math.round((cpu.user + cpu.system) / 1000),
      perStepMs: Math.round((applyMs / steps) * 100) / 100,
      events,
      eventsPerSecond: Math.round(events / (eventMs / 1000)),
      loadAverage,
    };
  } finally {
    t.temp.cleanup();
  }
}

/** The figures as table rows (label, value), as bench/run.ts prints the other benchmarks. */
export function engineReport(r: EngineBenchResult): [string, string][] {
  return [
    [`plan ${r.steps} targets`, `${r.planMs} ms`],
    [
      `apply ${r.steps} no-op steps in parallel (${r.state})`,
      `${r.applyMs} ms wall, ${r.applyCpuMs} ms CPU (plan+apply)`,
    ],
    ['engine overhead per step', `${r.perStepMs.toFixed(2)} ms (2 signed ledger entries, step rows, events)`],
    [`event stream (${r.events} stored events)`, `${r.eventsPerSecond} events/s`],
    ['load average (1 min) at start', r.loadAverage.toFixed(2)],
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await run({
    steps: Number(process.argv[2] ?? 1000),
    events: Number(process.argv[3] ?? 20_000),
  });
  for (const [label, value] of engineReport(result)) process.stdout.write(`${label.padEnd(44)} ${value}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
