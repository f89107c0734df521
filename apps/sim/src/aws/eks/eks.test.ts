import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeClusterCommand,
  EKSClient,
  ListTagsForResourceCommand,
  paginateListClusters,
} from '@aws-sdk/client-eks';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator } from '../../testing/sim-fixture.ts';
import { awsClient } from '../../testing/aws-sdk.ts';

describe('EKS', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startTestSimulator({ size: 'medium' });
  });
  after(() => sim.close());

  const account = () => sim.estate().aws.accounts[0]!;
  const client = (region: string) => awsClient(EKSClient, sim, region);

  it('ListClusters (paged) + DescribeCluster: counts, public endpoints and VPC config match the estate', async () => {
    const open = new Set(
      sim.estate().manifest.misconfigurations['container.cluster.public-endpoint']?.resources ?? [],
    );
    const roles = new Set(account().iam.roles.map((r) => r.arn));
    let total = 0;
    for (const [region, state] of account().regions) {
      const eks = client(region);
      const names: string[] = [];
      for await (const page of paginateListClusters({ client: eks, pageSize: 1 }, {}))
        names.push(...(page.clusters ?? []));
      total += names.length;
      for (const name of names) {
        const { cluster } = await eks.send(new DescribeClusterCommand({ name }));
        assert.equal(cluster?.status, 'ACTIVE');
        assert.ok(cluster?.createdAt instanceof Date);
        assert.ok(roles.has(cluster!.roleArn!));
        const vpc = cluster!.resourcesVpcConfig!;
        const isOpen = vpc.endpointPublicAccess === true && vpc.publicAccessCidrs!.includes('0.0.0.0/0');
        assert.equal(isOpen, open.has(cluster!.arn!), name);
        for (const s of vpc.subnetIds ?? []) assert.ok(state.ec2.subnets.has(s));
        const tags = await eks.send(new ListTagsForResourceCommand({ resourceArn: cluster!.arn }));
        assert.deepEqual(tags.tags, cluster!.tags);
      }
    }
    assert.equal(total, sim.estate().manifest.counts.aws[account().id]!['container.cluster']);
  });

  it('answers ResourceNotFoundException for an unknown cluster', async () => {
    const eks = client('us-east-1');
    await assert.rejects(eks.send(new DescribeClusterCommand({ name: 'nope' })), {
      name: 'ResourceNotFoundException',
    });
  });
});
