// Audit ledger benchmark: appends N step-finished entries to a fresh encrypted store (each its
// own IMMEDIATE transaction: redact, hash, two Ed25519 signatures — entry and head — commit),
// then verifies the whole chain (one SHA-256 and one Ed25519 verification per entry).
//
// Run alone: node --import tsx bench/ledger.ts [count]
// Wall time is the figure; CPU time and the load average are printed beside it because other work
// on the machine stretches wall time.
import { loadavg } from 'node:os';
import { openTempLedger } from '../apps/escher/src/ledger/ledger.testing.ts';

const count = Number(process.argv[2] ?? 10_000);
const { temp, ledger } = await openTempLedger();
try {
  const cpu0 = process.cpuUsage();
  let start = performance.now();
  for (let i = 0; i < count; i++) {
    ledger.append({
      kind: 'step-finished',
      data: { executionId: 'bench', stepId: `step-${i}`, status: 'succeeded', exitCode: 0, durationMs: 1 },
    });
  }
  const appendMs = performance.now() - start;
  const cpu1 = process.cpuUsage(cpu0);
  start = performance.now();
  const result = ledger.verify();
  const verifyMs = performance.now() - start;
  console.log(
    JSON.stringify({
      entries: result.entries,
      ok: result.ok,
      appendsPerSecond: Math.round(count / (appendMs / 1000)),
      appendCpuMicros: Math.round((cpu1.user + cpu1.system) / count),
      verifyEntriesPerSecond: Math.round(result.entries / (verifyMs / 1000)),
      loadAverage: Number(loadavg()[0]?.toFixed(1)),
    }),
  );
} finally {
  temp.cleanup();
}
