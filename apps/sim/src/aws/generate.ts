import type { GenerateInput } from '../estate/estate.ts';
import { split } from '../estate/size.ts';
import { generateAwsCost } from './ce/generate.ts';
import { generateEc2 } from './ec2/generate.ts';
import { generateEks } from './eks/generate.ts';
import { generateElbv2 } from './elbv2/generate.ts';
import { emptyRegionState, type AwsAccountState, type AwsEstate } from './estate.ts';
import { AWS_WEIGHTS, GLOBAL_KINDS, type AwsBudget, type AwsGenContext } from './generate-context.ts';
import { generateIam } from './iam/generate.ts';
import { generateKms } from './kms/generate.ts';
import { generateLambda } from './lambda/generate.ts';
import { generateRds } from './rds/generate.ts';
import { AWS_ESTATE_REGIONS } from './regions.ts';
import { generateS3 } from './s3/generate.ts';
import { emptyIamState } from './iam/state.ts';
import { emptyS3State } from './s3/state.ts';

const ALIASES = [
  'acme-prod',
  'acme-staging',
  'acme-dev',
  'acme-shared-services',
  'acme-data',
  'acme-sandbox',
  'acme-security',
  'acme-ml',
];

/**
 * The AWS estate: `plan.accounts.aws` accounts, each using a subset of `plan.regions.aws`
 * regions (the first account uses them all), with the plan's resource total split across kinds by
 * AWS_WEIGHTS, then across accounts and regions (earlier regions heavier, as real estates are).
 */
export function generateAws(input: GenerateInput): AwsEstate {
  const { rng, plan, epoch, manifest } = input;
  const regionsInUse = AWS_ESTATE_REGIONS.slice(0, plan.regions.aws);
  const totals = split(plan.resources.aws, AWS_WEIGHTS, 1);
  const accounts: AwsAccountState[] = [];
  for (let a = 0; a < plan.accounts.aws; a++) {
    const id = rng.digits(12);
    const alias = ALIASES[a % ALIASES.length]! + (a >= ALIASES.length ? `-${a}` : '');
    accounts.push({ id, alias, regions: new Map(), s3: emptyS3State(), iam: emptyIamState() });
    manifest.account('aws', id, alias);
  }
  for (const region of regionsInUse) manifest.region('aws', region);

  // Scope weights: accounts roughly equal; within an account, region i has weight 1/(i+1).
  const scopes: { account: AwsAccountState; region: string; weight: number }[] = [];
  accounts.forEach((account, a) => {
    const regions = a === 0 ? regionsInUse : regionsInUse.filter((_, i) => i === 0 || rng.chance(0.6));
    regions.forEach((region, i) => scopes.push({ account, region, weight: 1 / (i + 1) }));
  });
  const scopeBudgets = scopes.map(() => ({}) as AwsBudget);
  for (const kind of Object.keys(AWS_WEIGHTS) as (keyof AwsBudget)[]) {
    if ((GLOBAL_KINDS as readonly string[]).includes(kind)) continue;
    const weights = Object.fromEntries(scopes.map((s, i) => [String(i), s.weight]));
    const perScope = split(totals[kind], weights, 0);
    scopes.forEach((_, i) => (scopeBudgets[i]![kind] = perScope[String(i)]!));
  }
  const accountGlobal = accounts.map(() => ({}) as Pick<AwsBudget, (typeof GLOBAL_KINDS)[number]>);
  for (const kind of GLOBAL_KINDS) {
    const perAccount = split(totals[kind], Object.fromEntries(accounts.map((_, i) => [String(i), 1])), 0);
    accounts.forEach((_, i) => (accountGlobal[i]![kind] = perAccount[String(i)]!));
  }

  scopes.forEach((scope, i) => {
    const regionState = emptyRegionState(scope.region);
    scope.account.regions.set(scope.region, regionState);
    const ctx: AwsGenContext = {
      rng: rng.fork(`${scope.account.id}:${scope.region}`),
      epoch,
      manifest,
      account: scope.account,
      region: scope.region,
      regions: regionsInUse,
    };
    const budget = { ...scopeBudgets[i]!, buckets: 0, users: 0, roles: 0 };
    generateEc2(ctx, regionState, budget);
    generateElbv2(ctx, regionState, budget);
    generateRds(ctx, regionState, budget);
    generateLambda(ctx, regionState, budget);
    generateEks(ctx, regionState, budget);
    generateKms(ctx, regionState, budget);
  });
  accounts.forEach((account, i) => {
    const ctx: AwsGenContext = {
      rng: rng.fork(`${account.id}:global`),
      epoch,
      manifest,
      account,
      region: 'us-east-1',
      regions: [...account.regions.keys()],
    };
    generateS3(ctx, accountGlobal[i]!.buckets);
    generateIam(ctx, accountGlobal[i]!.users, accountGlobal[i]!.roles);
  });
  const cost = generateAwsCost(rng.fork('cost'), accounts, epoch, manifest);
  return { accounts, byId: new Map(accounts.map((a) => [a.id, a])), cost };
}
