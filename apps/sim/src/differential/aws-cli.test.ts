import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { TEST_AWS_CREDENTIALS } from '../testing/sim-fixture.ts';
import { AWS_CLI_DEBIAN, AWS_CLI_PIP, awsCliEnv, requireTool } from '../testing/tools.ts';
import { assertSameShape, startDiffEnv, type DiffEnv } from './diff-env.ts';
import { seedMotoEc2, seedMotoMetrics } from './seed-moto.ts';
import { seedMotoRds, seedMotoS3 } from './seed-moto-services.ts';
import { discoverEc2, take, type Ec2Targets } from './targets.ts';

const run = promisify(execFile);

/**
 * Debian's awscli 2.9 ignores `AWS_ENDPOINT_URL` (so it gets `--endpoint-url`) and sends
 * CloudWatch as awsQuery rather than JSON. It runs all five commands here.
 */
const DEBIAN = {
  name: 'Debian awscli 2.9',
  path: AWS_CLI_DEBIAN,
  endpointVia: 'flag',
  install: 'apt-get install -y awscli',
} as const;
/**
 * pip's awscli 1.45: its runs of the five commands live beside each service (aws/ec2, aws/rds,
 * aws/cloudwatch `*-cli.test.ts`, all with `--endpoint-url`); here it only proves that
 * `AWS_ENDPOINT_URL` reaches the simulator. (Not for rds in us-east-1: awscli 1.x pins it to
 * https://rds.amazonaws.com in customizations/overridesslcommonname.py, which beats the variable.)
 */
const PIP = {
  name: 'pip awscli 1.45',
  path: AWS_CLI_PIP,
  endpointVia: 'env',
  install: 'pip install awscli (pyenv)',
} as const;
type Cli = typeof DEBIAN | typeof PIP;

/**
 * Runs the CLI as argv (no shell) with no config or credential files, static keys in the
 * environment and JSON output; resolves with the parsed stdout.
 */
async function aws(
  cli: Cli,
  endpoint: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
  args: string[],
): Promise<unknown> {
  const env: NodeJS.ProcessEnv = {
    ...awsCliEnv(credentials),
    LANG: 'C.UTF-8',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
    ...(cli.endpointVia === 'env' ? { AWS_ENDPOINT_URL: endpoint } : {}),
  };
  const argv = [
    ...(cli.endpointVia === 'flag' ? ['--endpoint-url', endpoint] : []),
    ...args,
    '--output',
    'json',
  ];
  try {
    const { stdout } = await run(cli.path, argv, { env, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
    return stdout.trim() ? JSON.parse(stdout) : {};
  } catch (error) {
    const e = error as { code?: unknown; stderr?: string };
    return assert.fail(
      `${cli.name} ${argv.join(' ')} against ${endpoint} exited ${String(e.code)}: ${(e.stderr ?? '').trim().slice(-600)}`,
    );
  }
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('the AWS CLIs get the same JSON from the simulator as from moto', () => {
  let env: DiffEnv;
  let mt: Ec2Targets;
  let st: Ec2Targets;
  let motoNow: number;
  /** The instances with CPU datapoints on each side. */
  let motoCpu: string;
  let simCpu: string | undefined;
  const motoKeys = { accessKeyId: 'AKIAEXAMPLEDIFFTEST', secretAccessKey: 'differential' };

  before(async () => {
    env = await startDiffEnv();
    const ec2 = await seedMotoEc2(env.m, 4);
    await Promise.all([seedMotoS3(env.m), seedMotoRds(env.m, 2)]);
    motoNow = Date.now();
    motoCpu = ec2.instanceIds[0]!;
    await seedMotoMetrics(env.m, motoCpu, new Date(motoNow));
    [mt, st] = await Promise.all([discoverEc2(env.m), discoverEc2(env.s)]);
    simCpu = st.running.at(-1);
  });
  after(() => env?.close());

  /** The same command against moto and the simulator, each with its own ids. */
  const both = (cli: Cli, m: string[], s: string[]) =>
    Promise.all([
      aws(cli, env.moto.endpoint, motoKeys, m),
      aws(cli, env.sim.endpoints.aws, TEST_AWS_CREDENTIALS, s),
    ]);

  describe(DEBIAN.name, () => {
    const cli = DEBIAN;
    const ready = (t: TestContext) => requireTool(t, cli.path, cli.install);

    it('ec2 describe-instances', async (t) => {
      if (!ready(t)) return;
      const [m, s] = await both(cli, ['ec2', 'describe-instances'], ['ec2', 'describe-instances']);
      assertSameShape(t, `${cli.name}: ec2 describe-instances`, m, s);
      assert.ok(((s as { Reservations?: unknown[] }).Reservations ?? []).length > 0);
    });

    it('ec2 stop-instances', async (t) => {
      if (!ready(t)) return;
      const [mid, sid] = [take(mt.running, 'running instances'), take(st.running, 'running instances')];
      const [m, s] = await both(
        cli,
        ['ec2', 'stop-instances', '--instance-ids', mid],
        ['ec2', 'stop-instances', '--instance-ids', sid],
      );
      assertSameShape(t, `${cli.name}: ec2 stop-instances`, m, s);
      const stopping = (
        s as { StoppingInstances?: { InstanceId?: string; CurrentState?: { Name?: string } }[] }
      ).StoppingInstances?.[0];
      assert.equal(stopping?.InstanceId, sid);
      assert.match(stopping?.CurrentState?.Name ?? '', /^(stopping|stopped)$/);
    });

    it('s3api list-buckets', async (t) => {
      if (!ready(t)) return;
      const [m, s] = await both(cli, ['s3api', 'list-buckets'], ['s3api', 'list-buckets']);
      assertSameShape(t, `${cli.name}: s3api list-buckets`, m, s);
    });

    it('rds describe-db-instances', async (t) => {
      if (!ready(t)) return;
      const [m, s] = await both(cli, ['rds', 'describe-db-instances'], ['rds', 'describe-db-instances']);
      assertSameShape(t, `${cli.name}: rds describe-db-instances`, m, s);
    });

    it('cloudwatch get-metric-statistics', async (t) => {
      if (!ready(t)) return;
      const simNow = env.sim.clock.now();
      const args = (instance: string | undefined, now: number) => [
        'cloudwatch',
        'get-metric-statistics',
        '--namespace',
        'AWS/EC2',
        '--metric-name',
        'CPUUtilization',
        '--dimensions',
        `Name=InstanceId,Value=${instance ?? 'i-unknown'}`,
        '--start-time',
        iso(now - 2 * 3_600_000),
        '--end-time',
        iso(now),
        '--period',
        '300',
        '--statistics',
        'Average',
      ];
      const [m, s] = await both(cli, args(motoCpu, motoNow), args(simCpu, simNow));
      assertSameShape(t, `${cli.name}: cloudwatch get-metric-statistics`, m, s);
      assert.ok(
        ((s as { Datapoints?: unknown[] }).Datapoints ?? []).length > 0,
        'the simulator has CPU datapoints for the instance',
      );
    });
  });

  describe(PIP.name, () => {
    it('honours AWS_ENDPOINT_URL: ec2 describe-instances gets the same JSON shape as from moto', async (t) => {
      if (!requireTool(t, PIP.path, PIP.install)) return;
      const [m, s] = await both(PIP, ['ec2', 'describe-instances'], ['ec2', 'describe-instances']);
      assertSameShape(t, `${PIP.name}: ec2 describe-instances`, m, s);
      assert.ok(((s as { Reservations?: unknown[] }).Reservations ?? []).length > 0);
    });
  });
});
