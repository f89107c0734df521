import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  type GetMetricDataCommandOutput,
  ListMetricsCommand,
  paginateGetMetricData,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { cpuSeries } from '../../estate/metrics.ts';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator } from '../../testing/sim-fixture.ts';
import { awsClient, errorOf } from '../../testing/aws-sdk.ts';

const DAY = 86_400_000;
const AUTH =
  'AWS4-HMAC-SHA256 Credential=AKIAEXAMPLEESCHERSIM/20261101/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=00';

describe('CloudWatch CPUUtilization', () => {
  let sim: RunningSimulator;
  let cw: CloudWatchClient;
  let now: number;
  let idle: string;
  let busy: string;
  let db: string | undefined;

  const cpuQuery = (id: string, instanceId: string, period = 3600): MetricDataQuery => ({
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/EC2',
        MetricName: 'CPUUtilization',
        Dimensions: [{ Name: 'InstanceId', Value: instanceId }],
      },
      Period: period,
      Stat: 'Average',
    },
  });

  before(async () => {
    sim = await startTestSimulator({ manualClock: true });
    cw = awsClient(CloudWatchClient, sim, 'us-east-1');
    now = sim.clock.now();
    const region = sim.estate().aws.accounts[0]!.regions.get('us-east-1')!;
    const instances = [...region.ec2.instances.values()].filter((i) => i.state === 'running');
    idle = instances.find((i) => i.cpu.idle)!.id;
    busy = instances.find((i) => !i.cpu.idle)!.id;
    db = [...region.rds.byId.keys()][0];
  });
  after(async () => {
    cw.destroy();
    await sim.close();
  });

  it('GetMetricStatistics (JSON protocol): 7 days of hourly Average/Maximum, idle instances under 5 %', async () => {
    const stats = (instanceId: string) =>
      cw.send(
        new GetMetricStatisticsCommand({
          Namespace: 'AWS/EC2',
          MetricName: 'CPUUtilization',
          Dimensions: [{ Name: 'InstanceId', Value: instanceId }],
          StartTime: new Date(now - 7 * DAY),
          EndTime: new Date(now),
          Period: 3600,
          Statistics: ['Average', 'Maximum'],
        }),
      );
    const quiet = await stats(idle);
    assert.equal(quiet.Label, 'CPUUtilization');
    assert.equal(quiet.Datapoints!.length, 7 * 24);
    assert.ok(
      quiet.Datapoints!.every(
        (d) => d.Unit === 'Percent' && d.Timestamp instanceof Date && d.Maximum! >= d.Average!,
      ),
    );
    const mean = (points: { Average?: number }[]): number =>
      points.reduce((s, p) => s + p.Average!, 0) / points.length;
    assert.ok(mean(quiet.Datapoints!) < 5, 'idle instance averages under 5 %');
    assert.ok(mean((await stats(busy)).Datapoints!) > 5, 'busy instance averages over 5 %');
    const sent = sim.log.list().at(-1)!;
    assert.equal(sent.service, 'monitoring');
  });

  it('GetMetricData pages 30+ days of several instances, with JSON epoch timestamps decoded by the SDK', async () => {
    const start = now - 35 * DAY;
    const pages: GetMetricDataCommandOutput[] = [];
    for await (const page of paginateGetMetricData(
      { client: cw },
      {
        StartTime: new Date(start),
        EndTime: new Date(now),
        MetricDataQueries: [cpuQuery('idle', idle), cpuQuery('busy', busy)],
        MaxDatapoints: 500,
        ScanBy: 'TimestampAscending',
      },
    )) {
      pages.push(page);
    }
    assert.ok(pages.length > 1, 'paged by MaxDatapoints');
    const values = (id: string): { t: number; v: number }[] =>
      pages.flatMap((p) => {
        const r = p.MetricDataResults!.find((x) => x.Id === id)!;
        return r.Timestamps!.map((t, i) => ({ t: t.getTime(), v: r.Values![i]! }));
      });
    const region = sim.estate().aws.accounts[0]!.regions.get('us-east-1')!;
    const expected = cpuSeries(region.ec2.instances.get(idle)!.cpu, start, now, 3600, 'Average');
    assert.deepEqual(
      values('idle'),
      expected.map((p) => ({ t: p.timestamp, v: p.value })),
    );
    assert.equal(values('busy').length, expected.length);
    assert.equal(
      pages.at(-1)!.MetricDataResults!.every((r) => r.StatusCode === 'Complete'),
      true,
    );
  });

  it('GetMetricData answers descending by default and AWS/RDS CPUUtilization when the database exists', async () => {
    const out = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(now - DAY),
        EndTime: new Date(now),
        MetricDataQueries: [cpuQuery('m1', busy, 300)],
      }),
    );
    const ts = out.MetricDataResults![0]!.Timestamps!.map((t) => t.getTime());
    assert.ok(ts.length > 200);
    assert.ok(ts.every((t, i) => i === 0 || t < ts[i - 1]!));
    if (db) {
      const rds = await cw.send(
        new GetMetricStatisticsCommand({
          Namespace: 'AWS/RDS',
          MetricName: 'CPUUtilization',
          Dimensions: [{ Name: 'DBInstanceIdentifier', Value: db }],
          StartTime: new Date(now - DAY),
          EndTime: new Date(now),
          Period: 3600,
          Statistics: ['Average'],
        }),
      );
      assert.ok(rds.Datapoints!.length >= 23);
    }
  });

  it('unknown metrics are empty; bad requests get CloudWatch’s errors', async () => {
    const none = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'AWS/EC2',
        MetricName: 'CPUUtilization',
        Dimensions: [{ Name: 'InstanceId', Value: 'i-0123456789abcdef0' }],
        StartTime: new Date(now - DAY),
        EndTime: new Date(now),
        Period: 300,
        Statistics: ['Average'],
      }),
    );
    assert.deepEqual(none.Datapoints, []);
    const base = {
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      StartTime: new Date(now - 30 * DAY),
      EndTime: new Date(now),
      Statistics: ['Average' as const],
    };
    assert.deepEqual(await errorOf(cw.send(new GetMetricStatisticsCommand({ ...base, Period: 60 }))), {
      name: 'InvalidParameterCombinationException',
      status: 400,
    });
    assert.equal(
      (await errorOf(cw.send(new GetMetricStatisticsCommand({ ...base, Period: 61 })))).name,
      'InvalidParameterValueException',
    );
    assert.equal(
      (
        await errorOf(
          cw.send(
            new GetMetricStatisticsCommand({ ...base, Period: 3600, EndTime: new Date(now - 40 * DAY) }),
          ),
        )
      ).name,
      'InvalidParameterValueException',
    );
  });

  it('ListMetrics lists CPUUtilization per instance', async () => {
    const out = await cw.send(
      new ListMetricsCommand({ Namespace: 'AWS/EC2', Dimensions: [{ Name: 'InstanceId', Value: idle }] }),
    );
    assert.deepEqual(out.Metrics, [
      {
        Namespace: 'AWS/EC2',
        MetricName: 'CPUUtilization',
        Dimensions: [{ Name: 'InstanceId', Value: idle }],
      },
    ]);
  });

  it('the awsQuery protocol (awscli 2.9, older SDKs) gets XML with members and ISO timestamps', async () => {
    const form = new URLSearchParams({
      Action: 'GetMetricStatistics',
      Version: '2010-08-01',
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      'Dimensions.member.1.Name': 'InstanceId',
      'Dimensions.member.1.Value': busy,
      StartTime: new Date(now - 3 * 3_600_000).toISOString(),
      EndTime: new Date(now).toISOString(),
      Period: '3600',
      'Statistics.member.1': 'Average',
    });
    const res = await fetch(sim.endpoints.aws, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    const xml = await res.text();
    assert.equal(res.status, 200);
    assert.match(
      xml,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<GetMetricStatisticsResponse xmlns="http:\/\/monitoring.amazonaws.com\/doc\/2010-08-01\/"><GetMetricStatisticsResult><Label>CPUUtilization<\/Label><Datapoints><member><Timestamp>\d{4}-\d\d-\d\dT\d\d:00:00.000Z<\/Timestamp><Average>[\d.]+<\/Average><Unit>Percent<\/Unit><\/member>/,
    );
    assert.equal(xml.match(/<member>/g)?.length, 3);
    const data = new URLSearchParams({
      Action: 'GetMetricData',
      Version: '2010-08-01',
      'MetricDataQueries.member.1.Id': 'm1',
      'MetricDataQueries.member.1.MetricStat.Metric.Namespace': 'AWS/EC2',
      'MetricDataQueries.member.1.MetricStat.Metric.MetricName': 'CPUUtilization',
      'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name': 'InstanceId',
      'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value': busy,
      'MetricDataQueries.member.1.MetricStat.Period': '3600',
      'MetricDataQueries.member.1.MetricStat.Stat': 'Maximum',
      StartTime: new Date(now - 2 * 3_600_000).toISOString(),
      EndTime: new Date(now).toISOString(),
    });
    const dataXml = await (
      await fetch(sim.endpoints.aws, { method: 'POST', headers: { authorization: AUTH }, body: data })
    ).text();
    assert.match(
      dataXml,
      /<MetricDataResults><member><Id>m1<\/Id><Label>CPUUtilization<\/Label><Timestamps><member>[^<]+<\/member><member>[^<]+<\/member><\/Timestamps><Values><member>[\d.]+<\/member><member>[\d.]+<\/member><\/Values><StatusCode>Complete<\/StatusCode><Messages><\/Messages><\/member><\/MetricDataResults>/,
    );
    const bad = await fetch(sim.endpoints.aws, {
      method: 'POST',
      headers: { authorization: AUTH },
      body: 'Action=GetMetricStatistics&Version=2010-08-01&Namespace=AWS/EC2',
    });
    assert.equal(bad.status, 400);
    assert.match(
      await bad.text(),
      /<ErrorResponse xmlns="http:\/\/monitoring.amazonaws.com\/doc\/2010-08-01\/"><Error><Type>Sender<\/Type><Code>MissingParameter<\/Code>/,
    );
  });
});
