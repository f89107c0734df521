import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  GetFunctionCommand,
  LambdaClient,
  ListTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  paginateListFunctions,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator } from '../../testing/sim-fixture.ts';
import { awsClient } from '../../testing/aws-sdk.ts';
import { LAMBDA_RUNTIMES } from './runtimes.ts';

describe('Lambda', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startTestSimulator({ size: 'medium' });
  });
  after(() => sim.close());

  const account = () => sim.estate().aws.accounts[0]!;
  const client = (region: string) => awsClient(LambdaClient, sim, region);

  async function listAll(region: string, pageSize?: number): Promise<FunctionConfiguration[]> {
    const out: FunctionConfiguration[] = [];
    for await (const page of paginateListFunctions(
      { client: client(region), ...(pageSize ? { pageSize } : {}) },
      {},
    ))
      out.push(...(page.Functions ?? []));
    return out;
  }

  it('ListFunctions pages through every function; counts, roles and VPCs hold together', async () => {
    let total = 0;
    const roles = new Set(account().iam.roles.map((r) => r.arn));
    for (const [region, state] of account().regions) {
      const fns = await listAll(region, 7);
      total += fns.length;
      for (const fn of fns) {
        assert.match(
          fn.FunctionArn!,
          new RegExp(`^arn:aws:lambda:${region}:${account().id}:function:${fn.FunctionName}$`),
        );
        assert.ok(roles.has(fn.Role!), `role ${fn.Role} exists in IAM`);
        assert.ok(fn.Runtime! in LAMBDA_RUNTIMES);
        if (fn.VpcConfig?.VpcId) for (const s of fn.VpcConfig.SubnetIds!) assert.ok(state.ec2.subnets.has(s));
      }
    }
    assert.equal(total, sim.estate().manifest.counts.aws[account().id]!['serverless.function']);
  });

  it('deprecated runtimes are exactly the manifest’s deprecated-runtime functions', async () => {
    const flagged = new Set(
      sim.estate().manifest.misconfigurations['serverless.function.deprecated-runtime']?.resources ?? [],
    );
    const epoch = Date.parse(sim.estate().manifest.epoch);
    for (const region of account().regions.keys()) {
      for (const fn of await listAll(region)) {
        assert.equal(
          Date.parse(LAMBDA_RUNTIMES[fn.Runtime!]!) < epoch,
          flagged.has(fn.FunctionArn!),
          fn.FunctionName,
        );
      }
    }
  });

  it('pages correctly under a page-size fault', async () => {
    const region = [...account().regions.keys()][0]!;
    const expected = (await listAll(region)).length;
    sim.faults.set({ rateLimits: { enabled: false }, pagination: { maxPageSize: 4, emptyPageEvery: 3 } });
    try {
      assert.equal((await listAll(region)).length, expected);
    } finally {
      sim.faults.set({ rateLimits: { enabled: false } });
    }
  });

  it('GetFunction and ListTags; tags stick; ResourceNotFoundException for unknown functions', async () => {
    const region = [...account().regions.keys()][0]!;
    const lambda = client(region);
    const fn = (await listAll(region))[0]!;
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: fn.FunctionName }));
    assert.equal(got.Configuration?.State, 'Active');
    const tags = await lambda.send(new ListTagsCommand({ Resource: fn.FunctionArn }));
    assert.deepEqual(tags.Tags, got.Tags);
    await lambda.send(new TagResourceCommand({ Resource: fn.FunctionArn, Tags: { reviewed: 'yes' } }));
    assert.equal(
      (await lambda.send(new ListTagsCommand({ Resource: fn.FunctionArn }))).Tags?.reviewed,
      'yes',
    );
    await lambda.send(new UntagResourceCommand({ Resource: fn.FunctionArn, TagKeys: ['reviewed'] }));
    assert.equal(
      (await lambda.send(new ListTagsCommand({ Resource: fn.FunctionArn }))).Tags?.reviewed,
      undefined,
    );
    await assert.rejects(
      lambda.send(new GetFunctionCommand({ FunctionName: 'missing-fn' })),
      (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(e.name, 'ResourceNotFoundException');
        assert.equal(e.$metadata?.httpStatusCode, 404);
        return true;
      },
    );
  });
});
