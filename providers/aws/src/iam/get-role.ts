import { GetRoleCommand, type Role } from '@aws-sdk/client-iam';
import { callOptional } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

/** IAM GetRole: the role with its tags and last use; undefined when deleted since the listing. */
export async function getRole(ctx: AwsContext, roleName: string): Promise<Role | undefined> {
  const out = await callOptional(ctx, { service: 'iam', operation: 'GetRole' }, ['NoSuchEntity'], (o) =>
    ctx.clients.iam.send(new GetRoleCommand({ RoleName: roleName }), o),
  );
  return out?.Role;
}
