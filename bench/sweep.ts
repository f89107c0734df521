import { DescribeRegionsCommand, EC2Client, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import type { RunningSimulator } from '../apps/sim/src/server.ts';

/** What `GET /_sim/calls?summary=1` says about a run. */
export interface CallSummary {
  total: number;
  throttled: number;
  errors: number;
  spanMs: number;
  lowerBoundMs: number;
  bindingBucket: string | undefined;
  calls: number;
}

export interface SweepResult {
  scopes: number;
  instances: number;
  wallMs: number;
  summary: CallSummary;
  /** The simulator's own handling time of the sweep's calls, summed (it serves one call at a time). */
  serverMs: number;
}

/**
 * A discovery-style sweep, the way the scanner fans out: every account (an access key that embeds
 * its id) × every estate region, in parallel; DescribeRegions per account, then every page of
 * DescribeInstances at `pageSize`. The SDK's adaptive retry mode handles throttling, as a scanner
 * would. The simulator's call log then gives the lower bound the rate limits allow.
 */
export async function sweepDescribeInstances(sim: RunningSimulator, pageSize: number): Promise<SweepResult> {
  const { accounts, regions } = sim.estate().manifest;
  const endpoint = sim.endpoints.aws;
  await fetch(`${endpoint}/_sim/calls`, { method: 'DELETE' });
  const client = (account: string, region: string): EC2Client =>
    new EC2Client({
      endpoint,
      region,
      credentials: { accessKeyId: `AKIA${account}BNCH`, secretAccessKey: 'bench' },
      retryMode: 'adaptive',
      maxAttempts: 50,
    });
  const start = performance.now();
  const perAccount = await Promise.all(
    (accounts.aws ?? []).map(async ({ id }) => {
      const home = client(id, 'us-east-1');
      await home.send(new DescribeRegionsCommand({}));
      home.destroy();
      const counts = await Promise.all(
        (regions.aws ?? []).map(async (region) => {
          const ec2 = client(id, region);
          let n = 0;
          for await (const page of paginateDescribeInstances({ client: ec2, pageSize }, {})) {
            for (const r of page.Reservations ?? []) n += r.Instances?.length ?? 0;
          }
          ec2.destroy();
          return n;
        }),
      );
      return counts.reduce((a, b) => a + b, 0);
    }),
  );
  const wallMs = performance.now() - start;
  const res = await fetch(`${endpoint}/_sim/calls?cloud=aws`);
  const body = (await res.json()) as { summary: CallSummary; calls: { durationMs: number }[] };
  return {
    scopes: (accounts.aws ?? []).length * (regions.aws ?? []).length,
    instances: perAccount.reduce((a, b) => a + b, 0),
    wallMs,
    summary: body.summary,
    serverMs: body.calls.reduce((sum, c) => sum + c.durationMs, 0),
  };
}
