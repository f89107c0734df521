import type { Rng } from '../../core/rng.ts';
import { APPS } from '../../estate/naming.ts';
import type { AwsGenContext } from '../generate-context.ts';
import { drawLabels, recordUntagged } from '../tagging/tags.ts';
import { addRole, type IamRole } from './state.ts';

const DAY = 86_400_000;

/** Service-linked roles most accounts have (path `/aws-service-role/{service}/`). */
const SERVICE_LINKED: readonly [string, string][] = [
  ['AWSServiceRoleForSupport', 'support.amazonaws.com'],
  ['AWSServiceRoleForTrustedAdvisor', 'trustedadvisor.amazonaws.com'],
  ['AWSServiceRoleForRDS', 'rds.amazonaws.com'],
  ['AWSServiceRoleForElasticLoadBalancing', 'elasticloadbalancing.amazonaws.com'],
  ['AWSServiceRoleForAmazonEKS', 'eks.amazonaws.com'],
  ['AWSServiceRoleForAutoScaling', 'autoscaling.amazonaws.com'],
  ['AWSServiceRoleForOrganizations', 'organizations.amazonaws.com'],
];

/**
 * Roles: first every role a Lambda function or EKS cluster of this account names (so their role
 * ARNs resolve), then service-linked roles, `OrganizationAccountAccessRole`, EC2 instance roles and
 * CI roles up to the budget. Service-linked roles cannot be tagged and are exempt from
 * `resource.untagged`. Native id: the role's ARN, `arn:aws:iam::{account}:role/{path}{name}`.
 */
export function generateRoles(ctx: AwsGenContext, rng: Rng, count: number): void {
  const { account, epoch } = ctx;
  const iam = account.iam;
  const referenced = new Map<string, string>();
  for (const region of account.regions.values()) {
    for (const fn of region.lambda.functions) referenced.set(roleName(fn.role), 'lambda.amazonaws.com');
    for (const cluster of region.eks.clusters) referenced.set(roleName(cluster.roleArn), 'eks.amazonaws.com');
  }
  for (const [name, service] of referenced) add(ctx, rng, customerRole(ctx, rng, name, service));
  add(
    ctx,
    rng,
    customerRole(ctx, rng, 'OrganizationAccountAccessRole', `arn:aws:iam::${ctx.account.id}:root`),
  );
  for (const [i, [name, service]] of SERVICE_LINKED.entries()) {
    // Every account has the first few; the rest fit the budget.
    if (i >= 2 && iam.roles.length >= count) break;
    const path = `/aws-service-role/${service}/`;
    add(ctx, rng, {
      name,
      id: `AROA${rng.upperAlnum(17)}`,
      arn: `arn:aws:iam::${account.id}:role${path}${name}`,
      path,
      createdAt: epoch - rng.int(200, 1500) * DAY,
      trustPolicy: trust({ Service: service }),
      description: `Service-linked role for ${service}`,
      maxSessionDuration: 3600,
      serviceLinked: true,
      tags: {},
    });
  }
  const taken = new Set(iam.rolesByName.keys());
  while (iam.roles.length < count) {
    const app = rng.pick(APPS);
    const [base, principal] = rng.pick<[string, string]>([
      [`${app}-ec2-role`, 'ec2.amazonaws.com'],
      [`${app}-ecs-task-role`, 'ecs-tasks.amazonaws.com'],
      [`${app}-github-deploy`, 'token.actions.githubusercontent.com'],
      [`${app}-glue-role`, 'glue.amazonaws.com'],
      ['escher-readonly', `arn:aws:iam::${ctx.account.id}:root`],
    ]);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    add(ctx, rng, customerRole(ctx, rng, name, principal));
  }
}

function customerRole(ctx: AwsGenContext, rng: Rng, name: string, principal: string): IamRole {
  const labels = drawLabels(rng);
  const isArn = principal.startsWith('arn:');
  const federated = principal.startsWith('token.');
  return {
    name,
    id: `AROA${rng.upperAlnum(17)}`,
    arn: `arn:aws:iam::${ctx.account.id}:role/${name}`,
    path: '/',
    createdAt: ctx.epoch - rng.int(10, 1400) * DAY,
    trustPolicy: trust(
      isArn
        ? { AWS: principal }
        : federated
          ? { Federated: `arn:aws:iam::${ctx.account.id}:oidc-provider/${principal}` }
          : { Service: principal },
      federated,
    ),
    description: rng.chance(0.5) ? `Role for ${name.replace(/-/g, ' ')}` : undefined,
    maxSessionDuration: rng.chance(0.8) ? 3600 : 43200,
    serviceLinked: false,
    lastUsed: rng.chance(0.7)
      ? {
          at: ctx.epoch - rng.int(0, 30 * 86_400) * 1000,
          region: rng.pick(ctx.account.regions.size ? [...ctx.account.regions.keys()] : ['us-east-1']),
        }
      : undefined,
    tags: labels.tags,
  };
}

function add(ctx: AwsGenContext, _rng: Rng, role: IamRole): void {
  if (ctx.account.iam.rolesByName.has(role.name)) return;
  addRole(ctx.account.iam, role);
  ctx.manifest.resource('aws', ctx.account.id, 'iam.role');
  if (!role.serviceLinked) recordUntagged(ctx.manifest, role.arn, role.tags);
}

function trust(principal: Record<string, string>, federated = false): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: principal,
        Action: federated ? 'sts:AssumeRoleWithWebIdentity' : 'sts:AssumeRole',
      },
    ],
  });
}

/** The role name of a role ARN (`arn:aws:iam::1:role/path/name` → `name`). */
export function roleName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}
