import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator } from '../../testing/sim-fixture.ts';
import { awsClient } from '../../testing/aws-sdk.ts';

describe('STS', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startTestSimulator();
  });
  after(() => sim.close());

  it('GetCallerIdentity answers with the first account for a plain key', async () => {
    const sts = awsClient(STSClient, sim, 'us-east-1');
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, sim.estate().aws.accounts[0]!.id);
    assert.match(identity.Arn ?? '', /^arn:aws:iam::\d{12}:user\//);
  });

  it('maps a key that embeds an account id to that account', async () => {
    const second = sim.estate().aws.accounts[1]!.id;
    const sts = new STSClient({
      endpoint: sim.endpoints.aws,
      region: 'eu-west-1',
      credentials: { accessKeyId: `AKIA${second}ABCD`, secretAccessKey: 'x' },
    });
    assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Account, second);
  });

  it('logs the call with service, operation and account', async () => {
    const calls = sim.log.list().filter((c) => c.operation === 'GetCallerIdentity');
    assert.ok(calls.length >= 2);
    assert.equal(calls[0]!.service, 'sts');
    assert.equal(calls[0]!.region, 'global');
  });
});
