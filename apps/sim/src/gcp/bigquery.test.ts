import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BigQuery } from '@google-cloud/bigquery';
import type { RunningSimulator } from '../server.ts';
import { startTestSimulator } from '../testing/sim-fixture.ts';
import { gcpClientOptions } from '../testing/gcp-clients.ts';

describe('GCP BigQuery jobs.query over the billing export through @google-cloud/bigquery', () => {
  let sim: RunningSimulator;
  let bq: BigQuery;
  let table: string;

  before(async () => {
    sim = await startTestSimulator({ size: 'medium' });
    const billing = sim.estate().gcp.billing;
    table = `${billing.project}.${billing.dataset}.${billing.table}`;
    bq = new BigQuery({
      apiEndpoint: sim.endpoints.gcp,
      projectId: billing.project,
      authClient: gcpClientOptions(sim).authClient as never,
    });
  });
  after(() => sim.close());

  /** What the export holds per day, service and project, from the estate. */
  const expected = (fromDay: string) => {
    const out = new Map<string, number>();
    for (const r of sim.estate().gcp.billing.rows)
      if (r.date >= fromDay) out.set(`${r.date}|${r.service}|${r.account}`, r.usd);
    return out;
  };

  it('answers the daily cost by service and project query a provider sends', async () => {
    const [rows] = await bq.query({
      query: `SELECT DATE(usage_start_time) AS day, service.description AS service, project.id AS project,
                SUM(cost) + SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) c), 0)) AS cost
              FROM \`${table}\`
              WHERE usage_start_time >= TIMESTAMP('2026-10-01') AND usage_start_time < TIMESTAMP('2026-11-02')
              GROUP BY day, service, project
              ORDER BY day, service, project`,
    });
    const want = expected('2026-10-01');
    assert.equal(rows.length, want.size);
    for (const row of rows as { day: { value: string }; service: string; project: string; cost: number }[]) {
      const usd = want.get(`${row.day.value}|${row.service}|${row.project}`);
      assert.ok(usd !== undefined, `${row.day.value} ${row.service}`);
      assert.ok(Math.abs(row.cost - usd) < 1e-6);
    }
    const days = (rows as { day: { value: string } }[]).map((r) => r.day.value);
    assert.deepEqual(days, [...days].sort());
  });

  it('supports named parameters, time zones, ORDER BY … DESC and LIMIT', async () => {
    const [rows] = await bq.query({
      query: `SELECT service.description AS service, ROUND(SUM(cost), 2) AS total, COUNT(*) AS n
              FROM \`${table}\`
              WHERE DATE(usage_start_time, "America/Los_Angeles") >= @since AND project.id IN UNNEST(@projects)
              GROUP BY 1 ORDER BY total DESC LIMIT 3`,
      params: { since: bq.date('2026-09-01'), projects: sim.estate().gcp.projects.map((p) => p.projectId) },
    });
    assert.equal(rows.length, 3);
    const totals = (rows as { total: number }[]).map((r) => r.total);
    assert.deepEqual(
      totals,
      [...totals].sort((a, b) => b - a),
    );
    const compute = new Map<string, number>();
    for (const r of sim.estate().gcp.billing.rows)
      if (r.date >= '2026-09-01') compute.set(r.service, (compute.get(r.service) ?? 0) + r.usd);
    const top = [...compute].sort((a, b) => b[1] - a[1])[0]!;
    assert.equal((rows[0] as { service: string }).service, top[0]);
    assert.ok(Math.abs((rows[0] as { total: number }).total - top[1]) < 0.01);
  });

  it('pages long results through getQueryResults under a page-size fault', async () => {
    sim.faults.set({ rateLimits: { enabled: false }, pagination: { maxPageSize: 40 } });
    try {
      const since = sim.log.lastSeq;
      const [rows] = await bq.query({
        query: `SELECT usage_start_time, project.id, cost FROM \`${table}\` WHERE cost > 0`,
      });
      assert.equal(rows.length, sim.estate().gcp.billing.rows.filter((r) => r.usd > 0).length);
      assert.ok(sim.log.list(since).some((c) => c.operation === 'jobs.getQueryResults'));
      const first = rows[0] as { usage_start_time: { value: string } };
      assert.match(first.usage_start_time.value, /^\d{4}-\d{2}-\d{2}T08:00:00/);
    } finally {
      sim.faults.set({ rateLimits: { enabled: false } });
    }
  });

  it('answers bad SQL, unknown columns and unknown tables with BigQuery errors', async () => {
    await assert.rejects(
      bq.query({ query: 'SELEC 1' }),
      (e: Error & { code?: number }) => e.code === 400 && /Syntax error/.test(e.message),
    );
    await assert.rejects(
      bq.query({ query: `SELECT nope FROM \`${table}\`` }),
      (e: Error & { code?: number }) => e.code === 400 && /Unrecognized name: nope/.test(e.message),
    );
    await assert.rejects(
      bq.query({ query: `SELECT cost FROM \`${table}_missing\`` }),
      (e: Error & { code?: number }) => e.code === 404 && /Not found: Table/.test(e.message),
    );
  });

  it('lets a provider discover the export table through datasets and tables', async () => {
    const [datasets] = await bq.getDatasets();
    assert.deepEqual(
      datasets.map((d) => d.id),
      [sim.estate().gcp.billing.dataset],
    );
    const [tables] = await datasets[0]!.getTables();
    assert.match(tables[0]!.id!, /^gcp_billing_export_v1_[0-9A-F]{6}_[0-9A-F]{6}_[0-9A-F]{6}$/);
  });
});
