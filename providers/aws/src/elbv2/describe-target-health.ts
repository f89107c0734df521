import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

export interface TargetState {
  id: string;
  port?: number;
  health?: string;
}

/** ELBv2 DescribeTargetHealth: the targets registered in one target group and their health. */
export async function describeTargetHealth(ctx: AwsContext, targetGroupArn: string): Promise<TargetState[]> {
  const out = await call(ctx, { service: 'elasticloadbalancing', operation: 'DescribeTargetHealth' }, (o) =>
    ctx.clients.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }), o),
  );
  return (out.TargetHealthDescriptions ?? [])
    .filter((d) => d.Target?.Id)
    .map((d) => ({
      id: d.Target!.Id!,
      ...(d.Target!.Port !== undefined ? { port: d.Target!.Port } : {}),
      ...(d.TargetHealth?.State ? { health: d.TargetHealth.State } : {}),
    }));
}
