import { startSimProcess } from '@escher/provider-api/contract';
import { awsProvider } from '@escher/provider-aws';
import { createScanner } from '/work/main/apps/escher/src/scanner/scanner.ts';
import { RecordingSink } from '/work/main/apps/escher/src/scanner/scanner.testing.ts';
const sim = await startSimProcess(['--seed', '11', '--size', process.argv[2] ?? 'small']);
const provider = awsProvider.create(
  {
    kind: 'roles',
    base: { kind: 'keys', accessKeyId: 'AKIAESCHERSCANNER001', secretAccessKey: 's' },
    roleArns: sim.manifest.accounts.aws!.map((a) => `arn:aws:iam::${a.id}:role/escher-read`),
  },
  { endpoint: sim.aws, maxAttempts: 1 },
);
await fetch(`${sim.aws}/_sim/faults`, {
  method: 'POST',
  body: JSON.stringify({ rateLimits: { enabled: true, scale: 1 } }),
});
const scanner = createScanner({
  providers: [provider],
  sink: new RecordingSink(),
  concurrency: JSON.parse(process.argv[3] ?? '{}'),
});
await scanner.scan();
await new Promise((r) => setTimeout(r, 3000));
await fetch(`${sim.aws}/_sim/calls`, { method: 'DELETE' });
const t0 = Date.now();
const s = await scanner.scan();
const calls = await (await fetch(`${sim.aws}/_sim/calls?cloud=aws`)).json();
const by: Record<string, { n: number; first: number; last: number; thr: number }> = {};
for (const c of calls.calls) {
  const k = `${c.account}:${c.region}:${c.service}`;
  const b = (by[k] ??= { n: 0, first: c.at, last: c.at, thr: 0 });
  b.n++;
  b.first = Math.min(b.first, c.at);
  b.last = Math.max(b.last, c.at);
  if (c.fault === 'throttle') b.thr++;
}
const start = Math.min(...calls.calls.map((c: any) => c.at));
const rows = Object.entries(by)
  .map(([k, b]) => [k, b.n, b.thr, Math.round(b.first - start), Math.round(b.last - start)])
  .sort((a: any, b: any) => b[4] - a[4])
  .slice(0, 15);
console.log(s.durationMs, calls.summary.lowerBoundMs, calls.summary.bindingBucket, Date.now() - t0);
console.table(rows);
console.log(Object.entries(scanner.limiter.families()).filter(([k]) => k.includes('iam')));
(provider as any).close();
await sim.stop();
