// Resource graph at scale: reverse-edge lookups and blast radii on a synthetic estate in a real
// encrypted store. The synthetic estate's relationships point at random ids; here they are
// rewired to real resources of the same cloud, account and region (instances → firewall, subnet,
// volume; volumes → instance), so reverse lookups find something.
//
// Run alone: node --import tsx apps/escher/src/graph/graph.bench.ts [count=100000]
// CPU time is printed beside wall time because other work on the machine stretches wall time.
import { loadavg } from 'node:os';
import type { Resource } from '@escher/protocol';
import { groupByScope, openTempStore, syntheticEstate } from '../store/testing/index.ts';
import { ResourceGraph } from './resource-graph.ts';

const TARGET_TYPE: Readonly<Record<string, string>> = {
  'security-group': 'network.firewall',
  'in-subnet': 'network.subnet',
  'attached-volume': 'compute.volume',
  'attached-to': 'compute.instance',
};

function wiredEstate(count: number): Resource[] {
  const estate = syntheticEstate({ count, seed: 7 });
  const pools = new Map<string, Resource[]>();
  const key = (r: Resource, type: string): string => `${r.cloud}|${r.account}|${r.region}|${type}`;
  for (const r of estate) {
    const pool = pools.get(key(r, r.type));
    if (pool) pool.push(r);
    else pools.set(key(r, r.type), [r]);
  }
  let n = 0;
  for (const r of estate) {
    r.relationships = r.relationships.map((rel) => {
      const pool = pools.get(key(r, TARGET_TYPE[rel.kind] ?? ''));
      n += 1;
      return pool ? { kind: rel.kind, targetId: (pool[(n * 7919) % pool.length] as Resource).id } : rel;
    });
  }
  return estate;
}

function time<T>(label: string, run: () => T, reps = 5): T {
  let out = run();
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < reps; i += 1) out = run();
  const used = process.cpuUsage(cpu);
  const wall = ((performance.now() - started) / reps).toFixed(1);
  const cpuMs = ((used.user + used.system) / 1000 / reps).toFixed(1);
  process.stdout.write(`${label.padEnd(36)} ${wall.padStart(8)} ms wall ${cpuMs.padStart(8)} ms cpu\n`);
  return out;
}

const count = Number(process.argv[2] ?? 100_000);
const estate = wiredEstate(count);
const temp = await openTempStore();
try {
  const store = temp.store;
  const syncId = store.beginSync();
  for (const { scope, resources } of groupByScope(estate)) store.replaceScope(scope, resources, syncId);
  store.finishSync(syncId, { apiCalls: 0 });
  const edges = store.edges();
  const graph = new ResourceGraph(edges);
  const firewalls = estate.filter((r) => r.type === 'network.firewall');
  const subnet = estate.find((r) => r.type === 'network.subnet') as Resource;
  const instance = estate.find((r) => r.type === 'compute.instance') as Resource;
  process.stdout.write(`${count} resources, load average ${loadavg()[0]?.toFixed(2)}\n`);
  time('incoming(1 id)', () => edges.incoming([(firewalls[3] as Resource).id]));
  time('incoming(100 ids)', () => edges.incoming(firewalls.slice(0, 100).map((r) => r.id)), 3);
  time('incoming(1,000 ids)', () => edges.incoming(firewalls.slice(0, 1000).map((r) => r.id)), 3);
  time('neighbours(instance)', () => graph.neighbours(instance));
  const fw = time('blastRadius(firewall), depth 5', () => graph.blastRadius(firewalls[3] as Resource), 3);
  const sn = time('blastRadius(subnet), depth 5', () => graph.blastRadius(subnet), 3);
  process.stdout.write(
    `  firewall radius ${fw.count} (levels ${fw.byDepth.length}), subnet radius ${sn.count}\n`,
  );
} finally {
  temp.cleanup();
}
