import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
  paginateGetResources,
  type ResourceTagMapping,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator } from '../../testing/sim-fixture.ts';
import { awsClient } from '../../testing/aws-sdk.ts';

describe('Tagging API', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startTestSimulator({ size: 'medium' });
  });
  after(() => sim.close());

  const account = () => sim.estate().aws.accounts[0]!;
  const region = () => [...account().regions.keys()][0]!;
  const client = () => awsClient(ResourceGroupsTaggingAPIClient, sim, region());

  async function all(
    input: ConstructorParameters<typeof GetResourcesCommand>[0] = {},
  ): Promise<ResourceTagMapping[]> {
    const out: ResourceTagMapping[] = [];
    for await (const page of paginateGetResources({ client: client() }, input))
      out.push(...(page.ResourceTagMappingList ?? []));
    return out;
  }

  it('lists tagged resources of every service in this region, paged', async () => {
    const list = await all({ ResourcesPerPage: 25 });
    const kinds = new Set(
      list.map(
        (r) =>
          r.ResourceARN!.split(':').slice(2, 3)[0] + ':' + (r.ResourceARN!.split(':')[5] ?? '').split('/')[0],
      ),
    );
    for (const kind of [
      'ec2:instance',
      'ec2:volume',
      'ec2:security-group',
      'rds:db',
      'lambda:function',
      's3:',
    ]) {
      assert.ok(
        [...kinds].some((k) => k.startsWith(kind)),
        `${kind} in ${[...kinds].join(' ')}`,
      );
    }
    const state = account().regions.get(region())!;
    const lambdas = list.filter((r) => r.ResourceARN!.includes(':function:'));
    assert.equal(lambdas.length, state.lambda.functions.filter((f) => Object.keys(f.tags).length).length);
    const buckets = list.filter((r) => r.ResourceARN!.startsWith('arn:aws:s3:::'));
    for (const b of buckets)
      assert.equal(account().s3.buckets.get(b.ResourceARN!.slice(13))!.region, region());
  });

  it('filters by resource type and by tag, and sees tag changes made through the services', async () => {
    const instances = await all({ ResourceTypeFilters: ['ec2:instance'] });
    assert.ok(instances.length > 0 && instances.every((r) => r.ResourceARN!.includes(':instance/')));
    const ec2 = await all({ ResourceTypeFilters: ['ec2'] });
    assert.ok(ec2.length > instances.length);
    const bucket = [...account().s3.buckets.values()].find((b) => b.region === region())!;
    const s3 = awsClient(S3Client, sim, region(), { forcePathStyle: true });
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket: bucket.name,
        Tagging: { TagSet: [{ Key: 'escher-test', Value: 'marked' }] },
      }),
    );
    const marked = await all({ TagFilters: [{ Key: 'escher-test', Values: ['marked'] }] });
    assert.deepEqual(
      marked.map((r) => r.ResourceARN),
      [`arn:aws:s3:::${bucket.name}`],
    );
    assert.deepEqual(await all({ TagFilters: [{ Key: 'escher-test', Values: ['other'] }] }), []);
  });

  it('pages under a page-size fault and rejects bad input', async () => {
    const expected = (await all()).length;
    sim.faults.set({ rateLimits: { enabled: false }, pagination: { maxPageSize: 7, emptyPageEvery: 4 } });
    try {
      assert.equal((await all()).length, expected);
    } finally {
      sim.faults.set({ rateLimits: { enabled: false } });
    }
    await assert.rejects(client().send(new GetResourcesCommand({ ResourcesPerPage: 500 })), {
      name: 'InvalidParameterException',
    });
    await assert.rejects(client().send(new GetResourcesCommand({ PaginationToken: 'garbage' })), {
      name: 'PaginationTokenExpiredException',
    });
  });
});
