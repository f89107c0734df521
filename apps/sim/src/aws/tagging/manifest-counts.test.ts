import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EKSClient, paginateListClusters } from '@aws-sdk/client-eks';
import { IAMClient, paginateListRoles, paginateListUsers } from '@aws-sdk/client-iam';
import { KMSClient, paginateListKeys } from '@aws-sdk/client-kms';
import { LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
import { RDSClient, paginateDescribeDBInstances } from '@aws-sdk/client-rds';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator } from '../../testing/sim-fixture.ts';

async function count<T>(
  pages: AsyncIterable<T>,
  items: (page: T) => readonly unknown[] | undefined,
): Promise<number> {
  let n = 0;
  for await (const page of pages) n += items(page)?.length ?? 0;
  return n;
}

describe('manifest counts equal what the SDKs list, per type and account', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startTestSimulator({ size: 'medium' });
  });
  after(() => sim.close());

  it('buckets, DB instances, functions, clusters, keys, users and roles', async () => {
    for (const account of sim.estate().aws.accounts) {
      const credentials = { accessKeyId: `AKIA${account.id}TEST`, secretAccessKey: 'x' };
      const endpoint = sim.endpoints.aws;
      const listed: Record<string, number> = {
        'database.instance': 0,
        'serverless.function': 0,
        'container.cluster': 0,
        'security.key': 0,
      };
      for (const region of account.regions.keys()) {
        const c = { endpoint, region, credentials };
        listed['database.instance']! += await count(
          paginateDescribeDBInstances({ client: new RDSClient(c) }, {}),
          (p) => p.DBInstances,
        );
        listed['serverless.function']! += await count(
          paginateListFunctions({ client: new LambdaClient(c) }, {}),
          (p) => p.Functions,
        );
        listed['container.cluster']! += await count(
          paginateListClusters({ client: new EKSClient(c) }, {}),
          (p) => p.clusters,
        );
        listed['security.key']! += await count(
          paginateListKeys({ client: new KMSClient(c) }, {}),
          (p) => p.Keys,
        );
      }
      const global = { endpoint, region: 'us-east-1', credentials };
      const iam = new IAMClient(global);
      listed['iam.user'] = await count(paginateListUsers({ client: iam }, {}), (p) => p.Users);
      listed['iam.role'] = await count(paginateListRoles({ client: iam }, {}), (p) => p.Roles);
      listed['storage.bucket'] =
        (await new S3Client({ ...global, forcePathStyle: true }).send(new ListBucketsCommand({}))).Buckets
          ?.length ?? 0;
      const manifest = sim.estate().manifest.counts.aws[account.id]!;
      for (const [type, n] of Object.entries(listed))
        assert.equal(n, manifest[type as keyof typeof manifest] ?? 0, `${account.id} ${type}`);
    }
  });
});
