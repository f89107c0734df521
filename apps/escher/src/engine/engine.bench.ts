// Engine overhead: 1,000 no-op operation steps applied in parallel (1,000 targets, concurrency
// 1,000) on a real encrypted store and signed ledger, and the event stream's throughput. What is
// measured is the engine's own cost per step: the two signed ledger entries, step rows and events.
//
// Run alone: node --import tsx apps/escher/src/engine/engine.bench.ts [steps=1000] [events=20000]
// CPU time is printed beside wall time because other work on the machine stretches wall time.
import { loadavg } from 'node:os';
import { PlaybookSchema, type Resource } from '@escher/protocol';
import type { ProviderActions } from '@escher/provider-api';
import { openTempLedger } from '../ledger/ledger.testing.ts';
import type { LoadedPlaybook } from '../playbooks/index.ts';
import { Engine } from './engine.ts';

const steps = Number(process.argv[2] ?? 1000);
const events = Number(process.argv[3] ?? 20_000);

const t = await openTempLedger();
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
  operations: [{ id: 'resource.tag', run: async () => ({ status: 'succeeded', message: 'no-op' }) }],
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
const cpuApply = process.cpuUsage(cpu0);

const executionId = engine.table.get(plan.id).id;
w0 = performance.now();
for (let i = 0; i < events; i++)
  engine.bus.emit({ executionId, kind: 'output', stream: 'stdout', text: `line ${i}` });
const eventMs = performance.now() - w0;

const line = (label: string, value: string): void => {
  process.stdout.write(`${label.padEnd(34)} ${value}\n`);
};
line('load average (1 min)', loadavg()[0]?.toFixed(2) ?? '?');
line(`plan ${steps} targets`, `${planMs.toFixed(0)} ms`);
line(
  `apply ${steps} no-op steps (${state})`,
  `${applyMs.toFixed(0)} ms wall, ${((cpuApply.user + cpuApply.system) / 1000).toFixed(0)} ms CPU (plan+apply)`,
);
line('per-step overhead', `${(applyMs / steps).toFixed(2)} ms (2 signed ledger entries, step rows, events)`);
line(`event stream (${events} stored events)`, `${Math.round(events / (eventMs / 1000))} events/s`);
t.temp.cleanup();
