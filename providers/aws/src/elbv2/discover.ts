import type { LoadBalancer, TargetGroup } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Resource } from '@escher/protocol';
import type { AwsContext } from '../core/context.ts';
import { mapLimit } from '@escher/provider-api';
import { describeLoadBalancers } from './describe-load-balancers.ts';
import { describeTags } from './describe-tags.ts';
import { describeTargetGroups } from './describe-target-groups.ts';
import { describeTargetHealth } from './describe-target-health.ts';
import { normaliseLoadBalancer, type LoadBalancerTargets } from './normalise-load-balancer.ts';

/**
 * ELBv2 load balancers of one region with their tags and registered targets: the region's target
 * groups are listed once, then each group that serves a load balancer has its targets read.
 */
export async function* discoverLoadBalancers(ctx: AwsContext): AsyncGenerator<Resource[]> {
  const balancers: LoadBalancer[] = [];
  for await (const page of describeLoadBalancers(ctx)) balancers.push(...page);
  if (balancers.length === 0) return;
  const groups: TargetGroup[] = [];
  for await (const page of describeTargetGroups(ctx)) groups.push(...page);
  yield await balancerResources(ctx, balancers, groups);
}

/**
 * Load balancers as discovery normalises them (also how `refresh` re-reads one): their tags, and
 * the targets of every group in `groups` that serves one of them.
 */
export async function balancerResources(
  ctx: AwsContext,
  balancers: readonly LoadBalancer[],
  groups: readonly TargetGroup[],
): Promise<Resource[]> {
  const serving = groups.filter((g) => g.TargetGroupArn && g.LoadBalancerArns?.length);
  const targets = await mapLimit(serving, ctx.itemConcurrency, (g) =>
    describeTargetHealth(ctx, g.TargetGroupArn!),
  );
  const byBalancer = new Map<string, LoadBalancerTargets>();
  serving.forEach((g, i) => {
    for (const lbArn of g.LoadBalancerArns ?? []) {
      let entry = byBalancer.get(lbArn);
      if (!entry) byBalancer.set(lbArn, (entry = { targetGroups: [] }));
      entry.targetGroups.push({
        arn: g.TargetGroupArn!,
        ...(g.TargetGroupName ? { name: g.TargetGroupName } : {}),
        ...(g.TargetType ? { type: g.TargetType } : {}),
        ...(g.Port !== undefined ? { port: g.Port } : {}),
        targets: targets[i]!,
      });
    }
  });
  const tags = await describeTags(ctx, balancers.map((b) => b.LoadBalancerArn!).filter(Boolean));
  return balancers.map((b) =>
    normaliseLoadBalancer(
      b,
      ctx,
      tags.get(b.LoadBalancerArn ?? '') ?? {},
      byBalancer.get(b.LoadBalancerArn ?? '') ?? { targetGroups: [] },
    ),
  );
}
