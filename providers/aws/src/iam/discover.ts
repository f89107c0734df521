import type { Resource } from '@escher/protocol';
import type { AwsContext } from '../core/context.ts';
import { mapLimit } from '@escher/provider-api';
import { hasLoginProfile } from './get-login-profile.ts';
import { getRole } from './get-role.ts';
import { getUser } from './get-user.ts';
import { listAccessKeys } from './list-access-keys.ts';
import { countMfaDevices } from './list-mfa-devices.ts';
import { listRoles } from './list-roles.ts';
import { listUsers } from './list-users.ts';
import { normaliseRole } from './normalise-role.ts';
import { normaliseUser } from './normalise-user.ts';

/**
 * The account's IAM users (global): ListUsers, then per user GetUser (tags), ListMFADevices,
 * ListAccessKeys and GetLoginProfile. A user deleted meanwhile is left out.
 */
export async function* discoverUsers(ctx: AwsContext): AsyncGenerator<Resource[]> {
  for await (const page of listUsers(ctx)) {
    const users = await mapLimit(page, ctx.itemConcurrency, (listed) =>
      userResource(ctx, listed.UserName ?? ''),
    );
    const found = users.filter((u) => u !== undefined);
    if (found.length) yield found;
  }
}

/**
 * One IAM user as discovery sees it (also how `refresh` re-reads one): GetUser (tags),
 * ListMFADevices, ListAccessKeys and GetLoginProfile; undefined when the user is gone.
 */
export async function userResource(ctx: AwsContext, name: string): Promise<Resource | undefined> {
  const [user, mfaDevices, accessKeys, consoleAccess] = await Promise.all([
    getUser(ctx, name),
    countMfaDevices(ctx, name),
    listAccessKeys(ctx, name),
    hasLoginProfile(ctx, name),
  ]);
  return user
    ? normaliseUser({ user, account: ctx.account, consoleAccess, mfaDevices, accessKeys }, ctx.now())
    : undefined;
}

/**
 * The account's IAM roles (global): ListRoles, then GetRole for the tags of every role but the
 * service-linked ones, which cannot carry tags.
 */
export async function* discoverRoles(ctx: AwsContext): AsyncGenerator<Resource[]> {
  for await (const page of listRoles(ctx)) {
    const roles = await mapLimit(page, ctx.itemConcurrency, async (listed) => {
      if (listed.Path?.startsWith('/aws-service-role/')) return listed;
      return getRole(ctx, listed.RoleName ?? '');
    });
    const found = roles.filter((r) => r !== undefined);
    if (found.length) yield found.map((r) => normaliseRole(r, ctx.account));
  }
}
