import { ListRolesCommand, type Role } from '@aws-sdk/client-iam';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { paginate } from '../core/paginate.ts';

/** IAM ListRoles, 1,000 a page (without tags). */
export function listRoles(ctx: AwsContext): AsyncGenerator<Role[]> {
  return paginate(async (Marker) => {
    const out = await call(ctx, { service: 'iam', operation: 'ListRoles' }, (o) =>
      ctx.clients.iam.send(new ListRolesCommand({ MaxItems: 1000, Marker }), o),
    );
    return { items: out.Roles, next: out.IsTruncated ? out.Marker : undefined };
  });
}
