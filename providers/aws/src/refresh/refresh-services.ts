import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetFunctionCommand } from '@aws-sdk/client-lambda';
import type { Resource } from '@escher/protocol';
import { arnResourceId } from '../core/arn.ts';
import { call, callOptional } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { describeCluster } from '../eks/describe-cluster.ts';
import { normaliseCluster } from '../eks/normalise-cluster.ts';
import { balancerResources } from '../elbv2/discover.ts';
import { keyDetails } from '../kms/discover.ts';
import { listAliases } from '../kms/list-aliases.ts';
import { normaliseKey } from '../kms/normalise-key.ts';
import { normaliseFunction } from '../lambda/normalise-function.ts';
import { normaliseDbInstance } from '../rds/normalise-db-instance.ts';

/*
 * One record of a regional service by its ARN, normalised as discovery does; undefined when the
 * service answers that it does not exist.
 */

export async function refreshDbInstance(ctx: AwsContext, target: Resource): Promise<Resource | undefined> {
  const out = await callOptional(
    ctx,
    { service: 'rds', operation: 'DescribeDBInstances' },
    ['DBInstanceNotFound', 'DBInstanceNotFoundFault'],
    (o) =>
      ctx.clients.rds.send(
        new DescribeDBInstancesCommand({ DBInstanceIdentifier: arnResourceId(target.nativeId) }),
        o,
      ),
  );
  const db = out?.DBInstances?.[0];
  return db ? normaliseDbInstance(db, ctx) : undefined;
}

export async function refreshFunction(ctx: AwsContext, target: Resource): Promise<Resource | undefined> {
  const out = await callOptional(
    ctx,
    { service: 'lambda', operation: 'GetFunction' },
    ['ResourceNotFoundException'],
    (o) => ctx.clients.lambda.send(new GetFunctionCommand({ FunctionName: target.nativeId }), o),
  );
  return out?.Configuration
    ? normaliseFunction(out.Configuration, ctx, out.Tags ?? {}, ctx.now())
    : undefined;
}

export async function refreshCluster(ctx: AwsContext, target: Resource): Promise<Resource | undefined> {
  const cluster = await describeCluster(ctx, arnResourceId(target.nativeId));
  return cluster ? normaliseCluster(cluster, ctx) : undefined;
}

export async function refreshLoadBalancer(ctx: AwsContext, target: Resource): Promise<Resource | undefined> {
  const op = (operation: string) => ({ service: 'elasticloadbalancing', operation });
  const out = await callOptional(ctx, op('DescribeLoadBalancers'), ['LoadBalancerNotFound'], (o) =>
    ctx.clients.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [target.nativeId] }), o),
  );
  const balancer = out?.LoadBalancers?.[0];
  if (!balancer) return undefined;
  const groups = await call(ctx, op('DescribeTargetGroups'), (o) =>
    ctx.clients.elbv2.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: target.nativeId }), o),
  );
  return (await balancerResources(ctx, [balancer], groups.TargetGroups ?? []))[0];
}

/** A key, with the region's aliases (one listing) as discovery names it. */
export async function refreshKey(ctx: AwsContext, target: Resource): Promise<Resource | undefined> {
  const keyId = arnResourceId(target.nativeId);
  const details = await keyDetails(ctx, keyId, await listAliases(ctx), target.nativeId);
  return details.metadata ? normaliseKey(details, ctx) : undefined;
}
