import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator } from '../../testing/sim-fixture.ts';
import { awsClient } from '../../testing/aws-sdk.ts';

describe('STS AssumeRole', () => {
  let sim: RunningSimulator;
  let sts: STSClient;
  before(async () => {
    sim = await startTestSimulator();
    sts = awsClient(STSClient, sim, 'us-east-1');
  });
  after(() => sim.close());

  it('issues ASIA credentials that later calls use to reach the second account', async () => {
    const second = sim.estate().aws.accounts[1]!;
    const roleArn = `arn:aws:iam::${second.id}:role/OrganizationAccountAccessRole`;
    const out = await sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'escher-scan', DurationSeconds: 900 }),
    );
    const creds = out.Credentials!;
    assert.match(creds.AccessKeyId!, new RegExp(`^ASIA${second.id}[A-Z2-7]{4}$`));
    assert.ok(creds.SecretAccessKey && creds.SessionToken);
    assert.ok(creds.Expiration instanceof Date);
    assert.equal(
      out.AssumedRoleUser?.Arn,
      `arn:aws:sts::${second.id}:assumed-role/OrganizationAccountAccessRole/escher-scan`,
    );

    const credentials = {
      accessKeyId: creds.AccessKeyId!,
      secretAccessKey: creds.SecretAccessKey!,
      sessionToken: creds.SessionToken!,
    };
    const identity = await new STSClient({
      endpoint: sim.endpoints.aws,
      region: 'us-east-1',
      credentials,
    }).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, second.id);
    assert.equal(identity.Arn, out.AssumedRoleUser?.Arn);

    const s3 = new S3Client({
      endpoint: sim.endpoints.aws,
      region: 'us-east-1',
      credentials,
      forcePathStyle: true,
    });
    const buckets = await s3.send(new ListBucketsCommand({}));
    assert.deepEqual(buckets.Buckets!.map((b) => b.Name).sort(), [...second.s3.buckets.keys()].sort());
    const region = [...second.regions.keys()][0]!;
    const rds = new RDSClient({ endpoint: sim.endpoints.aws, region, credentials });
    const dbs = await rds.send(new DescribeDBInstancesCommand({}));
    assert.deepEqual(
      dbs.DBInstances!.map((d) => d.DBInstanceIdentifier),
      second.regions.get(region)!.rds.instances.map((d) => d.id),
    );
    const logged = sim.log
      .list()
      .filter((c) => c.operation === 'DescribeDBInstances')
      .at(-1)!;
    assert.equal(logged.account, second.id);
  });

  it('denies roles in accounts the simulator does not hold, and rejects bad input', async () => {
    await assert.rejects(
      sts.send(
        new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::999999999999:role/Admin', RoleSessionName: 's1' }),
      ),
      (e: Error & { $metadata?: { httpStatusCode?: number } }) =>
        e.name === 'AccessDenied' && e.$metadata?.httpStatusCode === 403,
    );
    await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: 'not-an-arn', RoleSessionName: 's1' })), {
      name: 'ValidationError',
    });
    const first = sim.estate().aws.accounts[0]!.id;
    await assert.rejects(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${first}:role/x`,
          RoleSessionName: 's1',
          DurationSeconds: 60,
        }),
      ),
      { name: 'ValidationError' },
    );
  });
});
