import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import type { TestContext } from 'node:test';
import type { RunningSimulator } from '../server.ts';
import { startTestSimulator, TEST_AWS_CREDENTIALS, type TestSimOptions } from '../testing/sim-fixture.ts';
import { awsClients, errorOf, type AwsClients } from './clients.ts';
import { startMoto, type MotoServer } from '@escher/provider-api/contract';
import { MOTO_QUIRKS } from './moto-quirks.ts';
import { compareShapes, formatReport, sameShape, type CompareOptions } from './shape.ts';

/** A moto server and a simulator side by side, with SDK clients for each (one pair per test file). */
export interface DiffEnv {
  moto: MotoServer;
  sim: RunningSimulator;
  /** Clients pointed at moto. */
  m: AwsClients;
  /** Clients pointed at the simulator. */
  s: AwsClients;
  close(): Promise<void>;
}

/** The region both sides are called in: the simulator's first estate region. */
export const DIFF_REGION = 'us-east-1';

/**
 * Starts both servers: moto empty (tests seed it), the simulator with a seeded `medium` estate (enough
 * variety per account to find every kind of target) and immediate state transitions.
 */
export async function startDiffEnv(simOptions: TestSimOptions = {}): Promise<DiffEnv> {
  const [moto, sim] = await Promise.all([
    startMoto(),
    startTestSimulator({ size: 'medium', transitionMs: 0, ...simOptions }),
  ]);
  const m = awsClients({ endpoint: moto.endpoint, region: DIFF_REGION });
  const s = awsClients({
    endpoint: sim.endpoints.aws,
    region: DIFF_REGION,
    credentials: TEST_AWS_CREDENTIALS,
  });
  return {
    moto,
    sim,
    m,
    s,
    close: async () => {
      m.destroy();
      s.destroy();
      await Promise.all([moto.close(), sim.close()]);
    },
  };
}

/**
 * Asserts the simulator's output has every field moto's has, with the same value types. Fields
 * only the simulator returns, and arrays empty on one side, are printed as diagnostics.
 * Set `ESCHER_DIFF_REPORT=/path.jsonl` to collect every report for triage.
 */
export function assertSameShape(
  t: TestContext,
  operation: string,
  moto: unknown,
  sim: unknown,
  options: CompareOptions = {},
): void {
  const quirks = MOTO_QUIRKS[operation] ?? [];
  const report = compareShapes(moto, sim, {
    ...options,
    ignore: [...(options.ignore ?? []), ...quirks.map((q) => q.path)],
  });
  for (const q of quirks) t.diagnostic(`${operation}: not compared at ${q.path} (moto quirk: ${q.reason})`);
  record({ kind: 'shape', operation, ...report });
  const info = [...report.extra, ...report.unverified];
  if (info.length > 0)
    t.diagnostic(
      `${operation}: ${info.length} informational difference(s)\n${formatReport({ ...report, missing: [], mismatched: [] })}`,
    );
  assert.ok(
    sameShape(report),
    `${operation}: the simulator's response differs from moto's\n${formatReport(report)}`,
  );
}

/**
 * Runs the same failing call on both sides; asserts the same error (SDK exception name and wire
 * code) and HTTP status. `expected` is the wire code AWS documents, checked on moto's side first so
 * a test cannot pass by both servers being wrong the same way unnoticed.
 */
export async function assertSameError(
  operation: string,
  motoCall: () => Promise<unknown>,
  simCall: () => Promise<unknown>,
  expected?: string,
): Promise<void> {
  const [moto, sim] = await Promise.all([errorOf(motoCall), errorOf(simCall)]);
  record({ kind: 'error', operation, moto, sim });
  if (expected)
    assert.equal(moto.code, expected, `${operation}: moto itself answered ${moto.code} (${moto.message})`);
  assert.deepEqual(
    { name: sim.name, code: sim.code, status: sim.status },
    { name: moto.name, code: moto.code, status: moto.status },
    `${operation}: sim answered ${sim.code}/${sim.status} "${sim.message}", moto ${moto.code}/${moto.status} "${moto.message}"`,
  );
}

/** Asserts the simulator's error where moto does not check and AWS documents the answer. */
export async function assertAwsError(
  operation: string,
  simCall: () => Promise<unknown>,
  code: string,
  status: number,
): Promise<void> {
  const sim = await errorOf(simCall);
  record({ kind: 'aws-error', operation, expected: { code, status }, sim });
  assert.deepEqual(
    { code: sim.code, status: sim.status },
    { code, status },
    `${operation}: sim answered ${sim.code}/${sim.status} "${sim.message}"`,
  );
}

function record(entry: Record<string, unknown>): void {
  const file = process.env.ESCHER_DIFF_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

/**
 * Starts `call` on the next tick, so a synchronous throw becomes a rejection: `Promise.all` over
 * both sides then always observes both, and no request outlives its test.
 */
export function defer<T>(call: () => Promise<T>): Promise<T> {
  return Promise.resolve().then(call);
}
