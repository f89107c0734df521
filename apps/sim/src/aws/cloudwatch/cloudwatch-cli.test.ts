import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator, TEST_AWS_CREDENTIALS } from '../../testing/sim-fixture.ts';
import { awsCliEnv } from '../../testing/tools.ts';

const run = promisify(execFile);

/** Debian's awscli 2.9 speaks awsQuery to CloudWatch; the pip 1.45 one speaks JSON. */
const DEBIAN_AWS = '/usr/bin/aws';

async function cli(binary: string, sim: RunningSimulator, args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(
    binary,
    ['--endpoint-url', sim.endpoints.aws, '--region', 'us-east-1', '--output', 'json', ...args],
    {
      env: { ...awsCliEnv(TEST_AWS_CREDENTIALS), AWS_PAGER: '' },
      timeout: 60_000,
    },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

interface Datapoint {
  /** awscli 1.x prints timestamps as received (JSON: epoch seconds); 2.x as ISO 8601. */
  Timestamp: string | number;
  Average: number;
  Maximum: number;
  Unit: string;
}

describe('CloudWatch through the aws CLIs', () => {
  let sim: RunningSimulator;
  let instanceId: string;
  let args: string[];
  before(async () => {
    sim = await startTestSimulator({ manualClock: true });
    instanceId = [...sim.estate().aws.accounts[0]!.regions.get('us-east-1')!.ec2.instances.keys()][0]!;
    const end = new Date(sim.clock.now()).toISOString();
    const start = new Date(sim.clock.now() - 7 * 86_400_000).toISOString();
    args = [
      'cloudwatch',
      'get-metric-statistics',
      '--namespace',
      'AWS/EC2',
      '--metric-name',
      'CPUUtilization',
      '--dimensions',
      `Name=InstanceId,Value=${instanceId}`,
      '--start-time',
      start,
      '--end-time',
      end,
      '--period',
      '3600',
      '--statistics',
      'Average',
      'Maximum',
    ];
  });
  after(() => sim.close());

  const check = (out: Record<string, unknown>): void => {
    assert.equal(out['Label'], 'CPUUtilization');
    const points = out['Datapoints'] as Datapoint[];
    assert.equal(points.length, 7 * 24);
    assert.ok(
      points.every(
        (p) => p.Unit === 'Percent' && p.Maximum >= p.Average && p.Average >= 0 && p.Average <= 100,
      ),
    );
    const times = points.map((p) =>
      typeof p.Timestamp === 'number' ? p.Timestamp * 1000 : Date.parse(p.Timestamp),
    );
    assert.ok(
      times.every((t, i) => Number.isFinite(t) && t % 3_600_000 === 0 && (i === 0 || t > times[i - 1]!)),
    );
    assert.ok(times[0]! >= sim.clock.now() - 7 * 86_400_000);
  };

  it('pip aws (JSON protocol): cloudwatch get-metric-statistics', async () => {
    const since = sim.log.lastSeq;
    check(await cli('aws', sim, args));
    assert.equal(sim.log.list(since).at(-1)?.operation, 'GetMetricStatistics');
  });

  it(
    'Debian aws 2.9 (awsQuery protocol): cloudwatch get-metric-statistics',
    { skip: !existsSync(DEBIAN_AWS) && 'awscli 2.9 not installed' },
    async () => {
      check(await cli(DEBIAN_AWS, sim, args));
    },
  );
});
