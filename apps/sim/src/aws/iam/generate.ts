import { MISCONFIG_RATES } from '../../estate/misconfig-rates.ts';
import type { AwsGenContext } from '../generate-context.ts';
import { generateRoles } from './generate-roles.ts';
import { generateUsers } from './generate-users.ts';

/**
 * Generates the account's IAM users and roles, and the root user's state. The account's root
 * access keys (`iam.root.access-key`) are recorded as `arn:aws:iam::{account}:root`.
 * Runs after the regional generators, so it can create the roles Lambda and EKS reference.
 */
export function generateIam(ctx: AwsGenContext, users: number, roles: number): void {
  const rng = ctx.rng.fork('iam');
  const iam = ctx.account.iam;
  if (rng.chance(MISCONFIG_RATES['iam.root.access-key'])) {
    iam.rootAccessKeys = rng.chance(0.2) ? 2 : 1;
    ctx.manifest.misconfig('iam.root.access-key', `arn:aws:iam::${ctx.account.id}:root`);
  }
  iam.rootMfa = rng.chance(0.8);
  iam.policies = rng.int(3, 40);
  iam.groups = rng.int(1, 8);
  generateUsers(ctx, rng.fork('users'), users);
  generateRoles(ctx, rng.fork('roles'), roles);
}
