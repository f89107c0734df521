import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  type ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator } from '../../testing/sim-fixture.ts';
import { awsClient } from '../../testing/aws-sdk.ts';
import { CE_SERVICES } from './services.ts';

const sum = (rows: readonly { usd: number }[]): number => rows.reduce((s, r) => s + r.usd, 0);

describe('Cost Explorer', () => {
  let sim: RunningSimulator;
  let ce: CostExplorerClient;
  before(async () => {
    sim = await startTestSimulator({ manualClock: true });
    ce = awsClient(CostExplorerClient, sim, 'us-east-1');
  });
  after(() => sim.close());

  const cost = () => sim.estate().aws.cost;

  async function all(
    input: ConstructorParameters<typeof GetCostAndUsageCommand>[0],
  ): Promise<ResultByTime[]> {
    const out: ResultByTime[] = [];
    let token: string | undefined;
    do {
      const page = await ce.send(new GetCostAndUsageCommand({ ...input, NextPageToken: token }));
      out.push(...(page.ResultsByTime ?? []));
      token = page.NextPageToken;
    } while (token);
    return out;
  }

  it('daily totals equal the history; End is exclusive; amounts are strings in USD', async () => {
    const out = await ce.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: '2026-10-01', End: '2026-10-04' },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost', 'BlendedCost'],
      }),
    );
    assert.equal(out.ResultsByTime!.length, 3);
    const first = out.ResultsByTime![0]!;
    assert.deepEqual(first.TimePeriod, { Start: '2026-10-01', End: '2026-10-02' });
    assert.equal(first.Total!.UnblendedCost!.Unit, 'USD');
    assert.equal(typeof first.Total!.UnblendedCost!.Amount, 'string');
    assert.ok(
      Math.abs(
        Number(first.Total!.UnblendedCost!.Amount) - sum(cost().filter((r) => r.date === '2026-10-01')),
      ) < 0.01,
    );
  });

  it('groups by SERVICE with CE’s service names, and pages through NextPageToken', async () => {
    const results = await all({
      TimePeriod: { Start: '2026-08-01', End: '2026-11-01' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    });
    assert.equal(results.length, 92);
    const names = new Set(results.flatMap((r) => r.Groups!.map((g) => g.Keys![0]!)));
    assert.deepEqual([...names].sort(), CE_SERVICES.map((s) => s.name).sort());
    assert.deepEqual(results[0]!.Total, {});
    const total = results.reduce(
      (s, r) => s + r.Groups!.reduce((t, g) => t + Number(g.Metrics!.UnblendedCost!.Amount), 0),
      0,
    );
    assert.ok(
      Math.abs(total - sum(cost().filter((r) => r.date >= '2026-08-01' && r.date < '2026-11-01'))) < 0.5,
    );
  });

  it('monthly by LINKED_ACCOUNT, with a filter on one account, and under a page-size fault', async () => {
    const accounts = sim.estate().aws.accounts.map((a) => a.id);
    const results = await all({
      TimePeriod: { Start: '2026-08-15', End: '2026-11-01' },
      Granularity: 'MONTHLY',
      Metrics: ['AmortizedCost'],
      GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }],
    });
    assert.deepEqual(
      results.map((r) => r.TimePeriod!.Start),
      ['2026-08-15', '2026-09-01', '2026-10-01'],
    );
    assert.deepEqual(new Set(results[1]!.Groups!.map((g) => g.Keys![0])), new Set(accounts));
    sim.faults.set({ rateLimits: { enabled: false }, pagination: { maxPageSize: 1 } });
    try {
      const filtered = await all({
        TimePeriod: { Start: '2026-10-01', End: '2026-10-08' },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        Filter: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [accounts[1]!] } },
      });
      assert.equal(filtered.length, 7);
      const expected = sum(
        cost().filter((r) => r.account === accounts[1] && r.date >= '2026-10-01' && r.date < '2026-10-08'),
      );
      assert.ok(
        Math.abs(filtered.reduce((s, r) => s + Number(r.Total!.UnblendedCost!.Amount), 0) - expected) < 0.05,
      );
    } finally {
      sim.faults.set({ rateLimits: { enabled: false } });
    }
  });

  it('groups by an env tag: env$prod … and env$ for untagged spend, adding up to the day’s total', async () => {
    const out = await ce.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: '2026-10-10', End: '2026-10-11' },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        GroupBy: [{ Type: 'TAG', Key: 'env' }],
      }),
    );
    const groups = out.ResultsByTime![0]!.Groups!;
    assert.deepEqual(groups.map((g) => g.Keys![0]).sort(), [
      'env$',
      'env$dev',
      'env$prod',
      'env$staging',
      'env$test',
    ]);
    const total = groups.reduce((s, g) => s + Number(g.Metrics!.UnblendedCost!.Amount), 0);
    assert.ok(Math.abs(total - sum(cost().filter((r) => r.date === '2026-10-10'))) < 0.01);
  });

  it('the injected anomalies stand out of their service’s daily series', async () => {
    const anomaly = sim.estate().manifest.costAnomalies.find((a) => a.cloud === 'aws')!;
    const out = await ce.send(
      new GetCostAndUsageCommand({
        TimePeriod: {
          Start: anomaly.date,
          End: new Date(Date.parse(anomaly.date) + 86_400_000).toISOString().slice(0, 10),
        },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        Filter: {
          And: [
            { Dimensions: { Key: 'SERVICE', Values: [anomaly.service] } },
            { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [anomaly.account] } },
          ],
        },
      }),
    );
    assert.ok(
      Math.abs(Number(out.ResultsByTime![0]!.Total!.UnblendedCost!.Amount) - anomaly.actualUsd) < 0.02,
    );
  });

  it('rejects bad periods and metrics', async () => {
    const bad = (input: Partial<ConstructorParameters<typeof GetCostAndUsageCommand>[0]>) =>
      ce.send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: '2026-10-01', End: '2026-10-02' },
          Granularity: 'DAILY',
          Metrics: ['UnblendedCost'],
          ...input,
        }),
      );
    await assert.rejects(bad({ TimePeriod: { Start: '2026-10-05', End: '2026-10-01' } }), {
      name: 'ValidationException',
    });
    await assert.rejects(bad({ TimePeriod: { Start: '2026/10/01', End: '2026-10-02' } }), {
      name: 'ValidationException',
    });
    await assert.rejects(bad({ Metrics: ['Dollars'] }), { name: 'ValidationException' });
    await assert.rejects(bad({ TimePeriod: { Start: '2023-01-01', End: '2023-02-01' } }), {
      name: 'DataUnavailableException',
    });
  });

  it('GetCostForecast follows the recent trend with widening bounds', async () => {
    const out = await ce.send(
      new GetCostForecastCommand({
        TimePeriod: { Start: '2026-11-01', End: '2026-12-01' },
        Metric: 'UNBLENDED_COST',
        Granularity: 'DAILY',
        PredictionIntervalLevel: 90,
      }),
    );
    const days = out.ForecastResultsByTime!;
    assert.equal(days.length, 30);
    const recent = sum(cost().filter((r) => r.date >= '2026-10-02' && r.date <= '2026-11-01')) / 31;
    const mean = Number(out.Total!.Amount) / 30;
    assert.ok(mean > recent * 0.7 && mean < recent * 1.4, `forecast ${mean} vs recent ${recent}`);
    for (const d of days)
      assert.ok(
        Number(d.PredictionIntervalLowerBound) <= Number(d.MeanValue) &&
          Number(d.MeanValue) <= Number(d.PredictionIntervalUpperBound),
      );
    const width = (i: number) =>
      Number(days[i]!.PredictionIntervalUpperBound) - Number(days[i]!.PredictionIntervalLowerBound);
    assert.ok(width(29) > width(0));
    await assert.rejects(
      ce.send(
        new GetCostForecastCommand({
          TimePeriod: { Start: '2026-10-01', End: '2026-10-05' },
          Metric: 'UNBLENDED_COST',
          Granularity: 'DAILY',
        }),
      ),
      { name: 'ValidationException' },
    );
  });
});
