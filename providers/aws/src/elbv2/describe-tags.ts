import { DescribeTagsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { tagRecord } from '../core/tags.ts';

/** DescribeTags takes at most 20 ARNs a call. */
const BATCH = 20;

/** ELBv2 DescribeTags: the tags of each load balancer / target group ARN. */
export async function describeTags(
  ctx: AwsContext,
  arns: readonly string[],
): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (let i = 0; i < arns.length; i += BATCH) {
    const page = await call(ctx, { service: 'elasticloadbalancing', operation: 'DescribeTags' }, (o) =>
      ctx.clients.elbv2.send(new DescribeTagsCommand({ ResourceArns: arns.slice(i, i + BATCH) }), o),
    );
    for (const d of page.TagDescriptions ?? []) if (d.ResourceArn) out.set(d.ResourceArn, tagRecord(d.Tags));
  }
  return out;
}
