import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator, TEST_AWS_CREDENTIALS } from '../../testing/sim-fixture.ts';
import { awsClient } from '../../testing/aws-sdk.ts';
import { AWS_CLI_DEBIAN, AWS_CLI_PIP, awsCliEnv, requireTool } from '../../testing/tools.ts';

const run = promisify(execFile);

/** Runs an AWS CLI with `--endpoint-url`, no config files and static keys in the environment. */
async function aws(cli: string, endpoint: string, args: string[]): Promise<unknown> {
  const env: NodeJS.ProcessEnv = {
    ...awsCliEnv(TEST_AWS_CREDENTIALS),
    LANG: 'C.UTF-8',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_PAGER: '',
  };
  const { stdout } = await run(cli, ['--endpoint-url', endpoint, ...args, '--output', 'json'], {
    env,
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout.trim() ? JSON.parse(stdout) : {};
}

describe('the aws CLIs against the simulator: s3api and rds', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startTestSimulator();
  });
  after(() => sim.close());

  for (const [name, cli, install] of [
    ['pip awscli 1.45', AWS_CLI_PIP, 'pip install awscli'],
    ['Debian awscli 2.9', AWS_CLI_DEBIAN, 'apt-get install -y awscli'],
  ] as const) {
    it(`${name}: s3api list-buckets and rds describe-db-instances`, async (t) => {
      if (!requireTool(t, cli, install)) return;
      const account = sim.estate().aws.accounts[0]!;
      const buckets = (await aws(cli, sim.endpoints.aws, ['s3api', 'list-buckets'])) as {
        Buckets: { Name: string }[];
        Owner: { DisplayName: string };
      };
      assert.deepEqual(buckets.Buckets.map((b) => b.Name).sort(), [...account.s3.buckets.keys()].sort());
      const region = [...account.regions.keys()][0]!;
      const dbs = (await aws(cli, sim.endpoints.aws, [
        'rds',
        'describe-db-instances',
        '--region',
        region,
        '--page-size',
        '20',
      ])) as {
        DBInstances: {
          DBInstanceIdentifier: string;
          DBInstanceStatus: string;
          Endpoint?: { Port: number };
        }[];
      };
      assert.deepEqual(
        dbs.DBInstances.map((d) => d.DBInstanceIdentifier),
        account.regions.get(region)!.rds.instances.map((d) => d.id),
      );
      const bucket = [...account.s3.buckets.keys()][0]!;
      const s3 = awsClient(S3Client, sim, 'us-east-1', { forcePathStyle: true });
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: 'reports/q3 summary+final.csv', Body: 'a,b\n' }),
      );
      const objects = (await aws(cli, sim.endpoints.aws, [
        's3api',
        'list-objects-v2',
        '--bucket',
        bucket,
      ])) as { Contents?: { Key: string; Size: number }[] };
      assert.deepEqual(
        objects.Contents?.map((o) => [o.Key, o.Size]),
        [['reports/q3 summary+final.csv', 4]],
      );
    });
  }
});
