import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeInstancesCommand, EC2Client, StopInstancesCommand } from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeLoadBalancers,
  type LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator } from '../../testing/sim-fixture.ts';
import { awsClient, errorOf } from '../../testing/aws-sdk.ts';

describe('ELBv2 through @aws-sdk/client-elastic-load-balancing-v2', () => {
  let sim: RunningSimulator;
  let elb: ElasticLoadBalancingV2Client;
  let ec2: EC2Client;
  let lbs: LoadBalancer[];

  before(async () => {
    sim = await startTestSimulator({ size: 'medium', transitionMs: 0 });
    elb = awsClient(ElasticLoadBalancingV2Client, sim, 'us-east-1');
    ec2 = awsClient(EC2Client, sim, 'us-east-1');
    lbs = (await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
    assert.ok(lbs.length >= 6, 'enough load balancers to page through');
  });
  after(async () => {
    elb.destroy();
    ec2.destroy();
    await sim.close();
  });

  it('DescribeLoadBalancers returns application and network balancers in the region’s VPCs', async () => {
    const vpcs = new Set(
      (await ec2.send(new DescribeInstancesCommand({}))).Reservations!.flatMap((r) =>
        r.Instances!.map((i) => i.VpcId),
      ),
    );
    const alb = lbs.find((l) => l.Type === 'application')!;
    assert.match(
      alb.LoadBalancerArn!,
      /^arn:aws:elasticloadbalancing:us-east-1:\d{12}:loadbalancer\/app\/[a-z0-9-]+\/[0-9a-f]{16}$/,
    );
    assert.match(alb.DNSName!, /\.us-east-1\.elb\.amazonaws\.com$/);
    assert.equal(alb.State?.Code, 'active');
    assert.ok(alb.SecurityGroups!.length > 0);
    assert.ok(
      alb.AvailabilityZones!.length >= 1 &&
        alb.AvailabilityZones!.every((z) => z.SubnetId?.startsWith('subnet-')),
    );
    assert.ok(alb.CreatedTime instanceof Date);
    assert.ok(lbs.some((l) => vpcs.has(l.VpcId)));
    const manifest = sim.estate().manifest;
    const account = sim.estate().aws.accounts[0]!;
    const everywhere: LoadBalancer[] = [];
    for (const region of account.regions.keys()) {
      const client = awsClient(ElasticLoadBalancingV2Client, sim, region);
      for await (const page of paginateDescribeLoadBalancers({ client }, {}))
        everywhere.push(...(page.LoadBalancers ?? []));
      client.destroy();
    }
    assert.equal(everywhere.length, manifest.counts['aws']![account.id]!['network.loadbalancer']);
    const nlb = everywhere.find((l) => l.Type === 'network');
    assert.ok(nlb, 'a network load balancer somewhere in the account');
    assert.match(nlb.LoadBalancerArn!, /:loadbalancer\/net\//);
    assert.match(nlb.DNSName!, /\.elb\.[a-z0-9-]+\.amazonaws\.com$/);
    assert.equal(nlb.SecurityGroups, undefined);
  });

  it('pages with Marker / PageSize, and by name or ARN', async () => {
    const walked: string[] = [];
    let marker: string | undefined;
    do {
      const page = await elb.send(new DescribeLoadBalancersCommand({ PageSize: 2, Marker: marker }));
      assert.ok(page.LoadBalancers!.length <= 2);
      walked.push(...page.LoadBalancers!.map((l) => l.LoadBalancerArn!));
      marker = page.NextMarker;
    } while (marker);
    assert.deepEqual(
      walked,
      lbs.map((l) => l.LoadBalancerArn),
    );
    const byName = await elb.send(new DescribeLoadBalancersCommand({ Names: [lbs[1]!.LoadBalancerName!] }));
    assert.deepEqual(
      byName.LoadBalancers?.map((l) => l.LoadBalancerArn),
      [lbs[1]!.LoadBalancerArn],
    );
    const byArn = await elb.send(
      new DescribeLoadBalancersCommand({ LoadBalancerArns: [lbs[2]!.LoadBalancerArn!] }),
    );
    assert.equal(byArn.LoadBalancers?.[0]?.LoadBalancerName, lbs[2]!.LoadBalancerName);
    assert.deepEqual(await errorOf(elb.send(new DescribeLoadBalancersCommand({ Names: ['no-such-lb'] }))), {
      name: 'LoadBalancerNotFoundException',
      status: 400,
    });
    assert.equal(
      (await errorOf(elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: ['arn:nope'] })))).name,
      'ValidationError',
    );
  });

  it('target groups of a balancer register instances of its VPC; some targets are unhealthy', async () => {
    const instances = new Map(
      (await ec2.send(new DescribeInstancesCommand({})))
        .Reservations!.flatMap((r) => r.Instances!)
        .map((i) => [i.InstanceId, i]),
    );
    let unhealthy = 0;
    let checked = 0;
    for (const lb of lbs) {
      const { TargetGroups } = await elb.send(
        new DescribeTargetGroupsCommand({ LoadBalancerArn: lb.LoadBalancerArn }),
      );
      assert.ok(TargetGroups!.length >= 1);
      for (const tg of TargetGroups!) {
        assert.equal(tg.VpcId, lb.VpcId);
        assert.deepEqual(tg.LoadBalancerArns, [lb.LoadBalancerArn]);
        assert.equal(tg.TargetType, 'instance');
        const { TargetHealthDescriptions } = await elb.send(
          new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }),
        );
        for (const d of TargetHealthDescriptions!) {
          const instance = instances.get(d.Target!.Id)!;
          assert.equal(instance.VpcId, lb.VpcId, 'targets are real instances in the balancer’s VPC');
          if (instance.State?.Name === 'running')
            assert.ok(['healthy', 'unhealthy'].includes(d.TargetHealth!.State!));
          else
            assert.deepEqual(
              [d.TargetHealth?.State, d.TargetHealth?.Reason],
              ['unused', 'Target.InvalidState'],
            );
          if (d.TargetHealth?.State === 'unhealthy') unhealthy++;
          checked++;
        }
      }
    }
    assert.ok(checked > 0 && unhealthy > 0, `${unhealthy} unhealthy of ${checked}`);
  });

  it('a stopped instance becomes an unused target', async () => {
    const { TargetGroups } = await elb.send(new DescribeTargetGroupsCommand({}));
    for (const tg of TargetGroups!) {
      const health = (await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn })))
        .TargetHealthDescriptions!;
      const target = health.find((d) => d.TargetHealth?.State === 'healthy');
      if (!target) continue;
      await ec2.send(new StopInstancesCommand({ InstanceIds: [target.Target!.Id!] }));
      const after = await elb.send(
        new DescribeTargetHealthCommand({
          TargetGroupArn: tg.TargetGroupArn,
          Targets: [{ Id: target.Target!.Id! }],
        }),
      );
      assert.deepEqual(after.TargetHealthDescriptions?.[0]?.TargetHealth, {
        State: 'unused',
        Reason: 'Target.InvalidState',
        Description: 'Target is in the stopped state',
      });
      return;
    }
    assert.fail('no healthy target found');
  });

  it('DescribeTags and errors for unknown target groups', async () => {
    const tags = await elb.send(new DescribeTagsCommand({ ResourceArns: [lbs[0]!.LoadBalancerArn!] }));
    assert.equal(tags.TagDescriptions?.[0]?.ResourceArn, lbs[0]!.LoadBalancerArn);
    assert.ok(Array.isArray(tags.TagDescriptions?.[0]?.Tags));
    const fake = lbs[0]!
      .LoadBalancerArn!.replace(/loadbalancer\/app\/[^/]+/, 'targetgroup/nope')
      .replace(/loadbalancer\/net\/[^/]+/, 'targetgroup/nope');
    assert.equal(
      (await errorOf(elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: fake })))).name,
      'TargetGroupNotFoundException',
    );
    assert.equal(
      (await errorOf(elb.send(new DescribeTargetGroupsCommand({ Names: ['nope'] })))).name,
      'TargetGroupNotFoundException',
    );
  });
});
