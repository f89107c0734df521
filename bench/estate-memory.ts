// Measures generateEstate({ size: 'large' }) in a fresh process (run with --expose-gc): wall time,
// resource count, and the heap and RSS the estate keeps alive after a full GC. Prints one JSON line.
//
// `estate-memory.ts daemon [count]` measures the daemon instead (bench/lib/daemon-memory.ts): the
// real `escher daemon run` over a store of `count` (default 100,000) synthetic resources, its RSS
// idle and while answering `GET /api/v1/resources` whole (streamed), in keyset pages, and by offset.
import { generateEstate } from '../apps/sim/src/estate/estate.ts';
import { measureDaemonMemory } from './lib/daemon-memory.ts';

if (process.argv[2] === 'daemon') {
  const result = await measureDaemonMemory(Number(process.argv[3] ?? 100_000), (line) =>
    console.error(`· ${line}`),
  );
  console.log(JSON.stringify(result));
  process.exit(0);
}

const gc = (globalThis as { gc?: () => void }).gc;
const settle = (): void => {
  gc?.();
  gc?.();
};

const size = process.argv[2] ?? 'large';
const seed = Number(process.argv[3] ?? 42);
settle();
const before = process.memoryUsage();
const start = performance.now();
const estate = generateEstate({ seed, size, epoch: Date.UTC(2026, 10, 1) });
const ms = performance.now() - start;
const peak = process.memoryUsage();
settle();
const after = process.memoryUsage();
console.log(
  JSON.stringify({
    size,
    seed,
    ms,
    resources: estate.manifest.totalResources,
    heapDeltaBytes: after.heapUsed - before.heapUsed,
    rssDeltaBytes: after.rss - before.rss,
    peakRssDeltaBytes: peak.rss - before.rss,
    gcExposed: gc !== undefined,
  }),
);
