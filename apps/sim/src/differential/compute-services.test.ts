import { after, before, describe, it } from 'node:test';
import { DescribeClusterCommand, ListClustersCommand } from '@aws-sdk/client-eks';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { ListFunctionsCommand, ListTagsCommand } from '@aws-sdk/client-lambda';
import type { AwsClients } from './clients.ts';
import { assertSameError, assertSameShape, defer, startDiffEnv, type DiffEnv } from './diff-env.ts';
import { seedMotoEc2 } from './seed-moto.ts';
import { seedMotoEks, seedMotoElbv2, seedMotoIam, seedMotoLambda } from './seed-moto-services.ts';
import { need } from './targets.ts';

/** What the ELBv2, Lambda and EKS tests aim at on each side, found through the SDK. */
interface Targets {
  targetGroupArn: string | undefined;
  loadBalancerArn: string | undefined;
  functionArn: string | undefined;
  cluster: string | undefined;
}

async function discover(c: AwsClients): Promise<Targets> {
  const [lbs, tgs, fns, clusters] = await Promise.all([
    c.elbv2.send(new DescribeLoadBalancersCommand({})).catch(() => undefined),
    c.elbv2.send(new DescribeTargetGroupsCommand({})).catch(() => undefined),
    c.lambda.send(new ListFunctionsCommand({})).catch(() => undefined),
    c.eks.send(new ListClustersCommand({})).catch(() => undefined),
  ]);
  return {
    loadBalancerArn: lbs?.LoadBalancers?.[0]?.LoadBalancerArn,
    // A target group with targets registered, so DescribeTargetHealth has descriptions to compare.
    targetGroupArn: (
      tgs?.TargetGroups?.find((g) => (g.LoadBalancerArns?.length ?? 0) > 0) ?? tgs?.TargetGroups?.[0]
    )?.TargetGroupArn,
    functionArn: fns?.Functions?.[0]?.FunctionArn,
    cluster: clusters?.clusters?.[0],
  };
}

const ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';

describe('ELBv2, Lambda and EKS: the simulator answers like moto', () => {
  let env: DiffEnv;
  let mt: Targets;
  let st: Targets;
  const both = <T>(call: (c: AwsClients, t: Targets) => Promise<T>): Promise<[T, T]> =>
    Promise.all([defer(() => call(env.m, mt)), defer(() => call(env.s, st))]);

  before(async () => {
    env = await startDiffEnv();
    const ec2 = await seedMotoEc2(env.m, 4);
    const iam = await seedMotoIam(env.m);
    await Promise.all([
      seedMotoElbv2(env.m, ec2),
      seedMotoLambda(env.m, iam.roleArn),
      seedMotoEks(env.m, iam.roleArn, ec2),
    ]);
    [mt, st] = await Promise.all([discover(env.m), discover(env.s)]);
  });
  after(() => env?.close());

  it('ELBv2 DescribeLoadBalancers', async (t) => {
    const [m, s] = await both((c) => c.elbv2.send(new DescribeLoadBalancersCommand({})));
    assertSameShape(t, 'DescribeLoadBalancers', m, s);
  });

  it('ELBv2 DescribeTargetGroups', async (t) => {
    const [m, s] = await both((c) => c.elbv2.send(new DescribeTargetGroupsCommand({})));
    assertSameShape(t, 'DescribeTargetGroups', m, s);
  });

  it('ELBv2 DescribeTargetHealth', async (t) => {
    const [m, s] = await both((c, x) =>
      c.elbv2.send(
        new DescribeTargetHealthCommand({ TargetGroupArn: need(x.targetGroupArn, 'target group') }),
      ),
    );
    assertSameShape(t, 'DescribeTargetHealth', m, s);
  });

  it('Lambda ListFunctions', async (t) => {
    const [m, s] = await both((c) => c.lambda.send(new ListFunctionsCommand({})));
    assertSameShape(t, 'ListFunctions', m, s, { maps: ['Functions[].Environment.Variables'] });
  });

  it('Lambda ListTags', async (t) => {
    const [m, s] = await both((c, x) =>
      c.lambda.send(new ListTagsCommand({ Resource: need(x.functionArn, 'Lambda function') })),
    );
    assertSameShape(t, 'ListTags', m, s, { maps: ['Tags'] });
  });

  it('EKS ListClusters', async (t) => {
    const [m, s] = await both((c) => c.eks.send(new ListClustersCommand({})));
    assertSameShape(t, 'ListClusters', m, s);
  });

  it('EKS DescribeCluster', async (t) => {
    const [m, s] = await both((c, x) =>
      c.eks.send(new DescribeClusterCommand({ name: need(x.cluster, 'EKS cluster') })),
    );
    assertSameShape(t, 'DescribeCluster', m, s, { maps: ['cluster.tags'] });
  });

  describe('errors', () => {
    it('DescribeLoadBalancers of an unknown ARN → LoadBalancerNotFound', () => {
      const call = (c: AwsClients) =>
        c.elbv2.send(
          new DescribeLoadBalancersCommand({
            LoadBalancerArns: [`${ARN}:loadbalancer/app/diff-ghost/0123456789abcdef`],
          }),
        );
      return assertSameError(
        'DescribeLoadBalancers(unknown)',
        () => call(env.m),
        () => call(env.s),
        'LoadBalancerNotFound',
      );
    });

    it('DescribeTargetGroups of an unknown ARN → TargetGroupNotFound', () => {
      const call = (c: AwsClients) =>
        c.elbv2.send(
          new DescribeTargetGroupsCommand({
            TargetGroupArns: [`${ARN}:targetgroup/diff-ghost/0123456789abcdef`],
          }),
        );
      return assertSameError(
        'DescribeTargetGroups(unknown)',
        () => call(env.m),
        () => call(env.s),
        'TargetGroupNotFound',
      );
    });

    it('DescribeTargetHealth of an unknown target group → TargetGroupNotFound', () => {
      const call = (c: AwsClients) =>
        c.elbv2.send(
          new DescribeTargetHealthCommand({
            TargetGroupArn: `${ARN}:targetgroup/diff-ghost/0123456789abcdef`,
          }),
        );
      return assertSameError(
        'DescribeTargetHealth(unknown)',
        () => call(env.m),
        () => call(env.s),
        'TargetGroupNotFound',
      );
    });

    it('Lambda ListTags of an unknown function → ResourceNotFoundException', () => {
      const call = (c: AwsClients, x: Targets) =>
        c.lambda.send(
          new ListTagsCommand({
            Resource: (x.functionArn ?? 'arn:aws:lambda:us-east-1:123456789012:function:x').replace(
              /function:.*/,
              'function:diff-ghost',
            ),
          }),
        );
      return assertSameError(
        'ListTags(unknown)',
        () => call(env.m, mt),
        () => call(env.s, st),
        'ResourceNotFoundException',
      );
    });

    it('EKS DescribeCluster of an unknown name → ResourceNotFoundException', () => {
      const call = (c: AwsClients) => c.eks.send(new DescribeClusterCommand({ name: 'diff-ghost' }));
      return assertSameError(
        'DescribeCluster(unknown)',
        () => call(env.m),
        () => call(env.s),
        'ResourceNotFoundException',
      );
    });
  });
});
