import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MetricServiceClient } from '@google-cloud/monitoring';
import type { RunningSimulator } from '../server.ts';
import { startTestSimulator } from '../testing/sim-fixture.ts';
import { firstProject, gcpClientOptions } from '../testing/gcp-clients.ts';

const CPU = 'metric.type="compute.googleapis.com/instance/cpu/utilization"';

describe('GCP Cloud Monitoring timeSeries.list through @google-cloud/monitoring', () => {
  let sim: RunningSimulator;
  let client: MetricServiceClient;
  let project: string;

  before(async () => {
    sim = await startTestSimulator({ size: 'medium', manualClock: true });
    client = new MetricServiceClient(gcpClientOptions(sim).gax);
    ({ project } = firstProject(sim));
  });
  after(() => sim.close());

  const window = (days: number) => {
    const end = Math.floor(sim.clock.now() / 1000);
    return { startTime: { seconds: end - days * 86_400 }, endTime: { seconds: end } };
  };

  it('gives a 7-day mean under 5 % (as a 0..1 fraction) exactly for the idle running instances', async () => {
    const [series] = await client.listTimeSeries({
      name: `projects/${project}`,
      filter: CPU,
      interval: window(7),
      aggregation: { alignmentPeriod: { seconds: 86_400 }, perSeriesAligner: 'ALIGN_MEAN' },
    });
    const running = sim
      .estate()
      .gcp.compute.instances.list(project)
      .filter((i) => i.state === 'RUNNING');
    assert.equal(series.length, running.length);
    const idle = new Set(sim.estate().manifest.misconfigurations['compute.instance.idle']?.resources ?? []);
    for (const s of series) {
      const values = s.points!.map((p) => p.value!.doubleValue!);
      assert.ok(values.length >= 6 && values.every((v) => v >= 0 && v <= 1));
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const { instance_id: id, zone } = s.resource!.labels!;
      const name = s.metric!.labels!['instance_name'];
      const inst = running.find((i) => i.id === id)!;
      assert.equal(inst.name, name);
      assert.equal(
        mean < 0.05,
        idle.has(`//compute.googleapis.com/projects/${project}/zones/${zone}/instances/${name}`),
        `${name} mean ${mean}`,
      );
    }
  });

  it('filters by instance id and returns raw one-minute points newest first', async () => {
    const inst = sim
      .estate()
      .gcp.compute.instances.list(project)
      .find((i) => i.state === 'RUNNING')!;
    const [series] = await client.listTimeSeries({
      name: `projects/${project}`,
      filter: `${CPU} AND resource.labels.instance_id = "${inst.id}"`,
      interval: {
        startTime: { seconds: Math.floor(sim.clock.now() / 1000) - 3600 },
        endTime: { seconds: Math.floor(sim.clock.now() / 1000) },
      },
    });
    assert.equal(series.length, 1);
    const points = series[0]!.points!;
    assert.ok(points.length >= 60 && points.length <= 61);
    assert.ok(
      Number(points[0]!.interval!.endTime!.seconds) > Number(points.at(-1)!.interval!.endTime!.seconds),
    );
    assert.equal(series[0]!.metricKind, 'GAUGE');
  });

  it('reduces across series by zone', async () => {
    const [series] = await client.listTimeSeries({
      name: `projects/${project}`,
      filter: CPU,
      interval: window(1),
      aggregation: {
        alignmentPeriod: { seconds: 3600 },
        perSeriesAligner: 'ALIGN_MAX',
        crossSeriesReducer: 'REDUCE_MEAN',
        groupByFields: ['resource.labels.zone'],
      },
    });
    const zones = new Set(
      sim
        .estate()
        .gcp.compute.instances.list(project)
        .filter((i) => i.state === 'RUNNING')
        .map((i) => i.scope),
    );
    assert.equal(series.length, zones.size);
    assert.ok(series.every((s) => zones.has(s.resource!.labels!['zone']!)));
  });

  it('rejects an empty filter and unknown metrics with Google errors', async () => {
    await assert.rejects(
      client.listTimeSeries({ name: `projects/${project}`, filter: '', interval: window(1) }),
      (e: Error & { code?: number }) => e.code === 400,
    );
    await assert.rejects(
      client.listTimeSeries({
        name: `projects/${project}`,
        filter: 'metric.type="custom.googleapis.com/nope"',
        interval: window(1),
      }),
      (e: Error & { code?: number }) => e.code === 404,
    );
  });
});
