import type { Environment } from '@escher/protocol';
import type { Rng } from '../../core/rng.ts';
import { APPS, ENV_WEIGHTS, envToken } from '../../estate/naming.ts';
import { generateTags } from '../../estate/tags.ts';
import { addGroup } from '../estate.ts';
import type { AzureGenContext, GenGroup } from './context.ts';

/** Azure regions in the order estates tend to adopt them. */
export const AZURE_REGIONS = [
  'eastus',
  'westus2',
  'westeurope',
  'northeurope',
  'uksouth',
  'centralus',
  'southeastasia',
  'eastus2',
  'australiaeast',
  'japaneast',
  'canadacentral',
  'francecentral',
] as const;

const SUBSCRIPTION_NAMES: readonly (readonly [string, Environment | undefined])[] = [
  ['Contoso Production', 'prod'],
  ['Contoso Development', 'dev'],
  ['Contoso Staging', 'staging'],
  ['Contoso Shared Services', undefined],
  ['Contoso Data Platform', undefined],
  ['Contoso Sandbox', 'dev'],
  ['Contoso QA', 'test'],
  ['Contoso Analytics', undefined],
];

/** Creates the subscriptions (deterministic GUIDs) and their resource groups. */
export function generateSubscriptions(
  ctx: AzureGenContext,
  count: number,
  regions: readonly string[],
  groupsPerSubscription: number,
): void {
  const rng = ctx.rng.fork('subscriptions');
  for (let i = 0; i < count; i++) {
    const [displayName, lean] = SUBSCRIPTION_NAMES[i % SUBSCRIPTION_NAMES.length]!;
    const name =
      i < SUBSCRIPTION_NAMES.length
        ? displayName
        : `${displayName} ${Math.floor(i / SUBSCRIPTION_NAMES.length) + 1}`;
    const subscriptionId = rng.uuid();
    ctx.az.subscriptions.push({
      subscriptionId,
      displayName: name,
      tenantId: ctx.az.tenantId,
      quotaId:
        lean === 'dev' || lean === 'test' ? 'MSDNDevTest_2014-09-01' : 'EnterpriseAgreement_2014-09-01',
    });
    ctx.manifest.account('azure', subscriptionId, name);
    generateGroups(ctx, rng.fork(subscriptionId), subscriptionId, lean, regions, groupsPerSubscription);
  }
}

function generateGroups(
  ctx: AzureGenContext,
  rng: Rng,
  subscriptionId: string,
  lean: Environment | undefined,
  regions: readonly string[],
  count: number,
): void {
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    const app = rng.pick(APPS);
    const env: Environment = lean && rng.chance(0.8) ? lean : rng.weighted(ENV_WEIGHTS);
    // Most groups live in the first regions; the long tail spreads out.
    const location = regions[Math.min(regions.length - 1, Math.floor(rng.next() ** 1.6 * regions.length))]!;
    let name = groupName(rng, app, env, location);
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${groupName(rng, app, env, location)}-${n}`;
    used.add(name.toLowerCase());
    const group = {
      id: `/subscriptions/${subscriptionId}/resourceGroups/${name}`,
      name,
      subscriptionId,
      location,
      tags: rng.chance(0.6) ? generateTags(rng, { env, app, untagged: false }, 'azure') : {},
      costWeight: rng.float(0.2, 3),
    };
    addGroup(ctx.az, group);
    const genGroup: GenGroup = { group, app, env };
    ctx.groups.push(genGroup);
  }
}

/** Group names as people write them: rg-payments-prod, orders-dev-rg, Billing-PRD, … */
function groupName(rng: Rng, app: string, env: Environment, location: string): string {
  const e = envToken(rng, env);
  switch (rng.int(0, 4)) {
    case 0:
      return `rg-${app}-${e}`;
    case 1:
      return `${app}-${e}-rg`;
    case 2:
      return `${app[0]!.toUpperCase()}${app.slice(1)}-${e.toUpperCase()}`;
    case 3:
      return `rg-${app}-${e}-${location}`;
    default:
      return `${app}-${e}`;
  }
}
