/**
 * Generates the GCP half of an estate. Native ids recorded in the manifest are GCP full resource
 * names (see ids.ts for every format):
 * `//compute.googleapis.com/projects/{p}/zones/{z}/instances/{n}`,
 * `//storage.googleapis.com/projects/_/buckets/{b}`, `//sqladmin.googleapis.com/projects/{p}/instances/{i}`,
 * `//container.googleapis.com/projects/{p}/locations/{l}/clusters/{c}`,
 * `//cloudfunctions.googleapis.com/projects/{p}/locations/{l}/functions/{f}`,
 * `//cloudkms.googleapis.com/projects/{p}/locations/{l}/keyRings/{r}/cryptoKeys/{k}`,
 * `//iam.googleapis.com/projects/{p}/serviceAccounts/{email}`,
 * `//compute.googleapis.com/projects/{p}/global/firewalls/{f}`, …
 * Project ids look like `acme-payments-prod-4821`; project numbers have 12 digits.
 */
import type { Environment } from '@escher/protocol';
import { generateCostHistory } from '../estate/cost.ts';
import type { GenerateInput } from '../estate/estate.ts';
import { APPS, ENV_WEIGHTS } from '../estate/naming.ts';
import { split } from '../estate/size.ts';
import { generateTags } from '../estate/tags.ts';
import { BILLING_SERVICES, GCP_REGIONS } from './catalog.ts';
import { generateAddresses } from './compute/generate-addresses.ts';
import { generateFirewalls } from './compute/generate-firewalls.ts';
import { generateInstances } from './compute/generate-instances.ts';
import { generateNetworks } from './compute/generate-network.ts';
import { generateSnapshots } from './compute/generate-snapshots.ts';
import { generateClusters } from './container/generate.ts';
import type { GcpEstate, GcpProject } from './estate.ts';
import { generateFunctions } from './functions/generate.ts';
import { GCP_WEIGHTS, type GcpBudget, type GcpGenContext } from './generate-context.ts';
import { generateServiceAccounts } from './iam/generate.ts';
import { generateKms } from './kms/generate.ts';
import { generateSqlInstances } from './sql/generate.ts';
import { generateBuckets } from './storage/generate.ts';
import { emptyGcpEstate } from './empty-estate.ts';

const ENV_WORD: Readonly<Record<Environment, readonly string[]>> = {
  prod: ['prod', 'prd', 'production'],
  staging: ['staging', 'stg'],
  dev: ['dev', 'sandbox'],
  test: ['test', 'qa'],
};

export function generateGcp(input: GenerateInput): GcpEstate {
  const { rng, plan, epoch, manifest } = input;
  const regions = GCP_REGIONS.slice(0, plan.regions.gcp).map((r) => r.name);
  const estate = emptyGcpEstate(rng.fork('org').digits(12), regions);
  for (const region of regions) manifest.region('gcp', region);

  const projectRng = rng.fork('projects');
  const envCycle: Environment[] = ['prod', 'staging', 'dev', 'test'];
  const apps = [...APPS];
  const meta: { env: Environment; app: string }[] = [];
  for (let i = 0; i < plan.accounts.gcp; i++) {
    const env = i < envCycle.length ? envCycle[i]! : projectRng.weighted(ENV_WEIGHTS);
    const app = apps.splice(projectRng.int(0, apps.length - 1), 1)[0]!;
    const project: GcpProject = {
      projectId: projectIdFor(app, projectRng.pick(ENV_WORD[env]), projectRng.int(1000, 9999)),
      projectNumber: projectRng.digits(12),
      displayName: `${app.charAt(0).toUpperCase()}${app.slice(1)} ${env.charAt(0).toUpperCase()}${env.slice(1)}`,
      createdMs: epoch - projectRng.int(400, 2500) * 86_400_000,
      labels: generateTags(projectRng, { env, app, untagged: false }, 'gcp'),
      regions,
    };
    estate.projects.push(project);
    estate.projectIndex.set(project.projectId, project);
    estate.projectIndex.set(project.projectNumber, project);
    manifest.account('gcp', project.projectId, project.displayName);
    meta.push({ env, app });
  }

  // Every instance brings a boot disk the weights do not count: leave room for them.
  const weights = GCP_WEIGHTS as unknown as Record<keyof GcpBudget, number>;
  const weightSum = Object.values(weights).reduce((a, b) => a + b, 0);
  const totals = split(
    Math.round((plan.resources.gcp * weightSum) / (weightSum + weights.instances)),
    weights,
    1,
  );
  const shares = Object.fromEntries(estate.projects.map((p) => [p.projectId, projectRng.float(0.6, 1.6)]));
  const budgets = new Map<string, GcpBudget>(estate.projects.map((p) => [p.projectId, {} as GcpBudget]));
  for (const kind of Object.keys(totals) as (keyof GcpBudget)[]) {
    const perProject = split(totals[kind], shares, kind === 'instances' || kind === 'networks' ? 1 : 0);
    for (const [project, n] of Object.entries(perProject)) budgets.get(project)![kind] = n;
  }

  let ipCounter = rng.fork('ips').int(0, 5000);
  const nextExternalIp = (): string => {
    const n = ipCounter++;
    const block = [34, 35, 104, 130][Math.floor(n / 60_000) % 4]!;
    return `${block}.${64 + (Math.floor(n / 250 / 250) % 190)}.${Math.floor(n / 250) % 250}.${(n % 250) + 2}`;
  };
  const bucketNames = new Set<string>();
  for (const [index, project] of estate.projects.entries()) {
    const ctx: GcpGenContext = {
      rng: rng.fork(`project:${project.projectId}`),
      epoch,
      manifest,
      estate,
      project,
      env: meta[index]!.env,
      app: meta[index]!.app,
      budget: budgets.get(project.projectId)!,
      nextExternalIp,
    };
    generateNetworks(ctx);
    generateServiceAccounts(ctx);
    generateKms(ctx);
    generateInstances(ctx);
    generateAddresses(ctx);
    generateFirewalls(ctx);
    generateSnapshots(ctx);
    generateBuckets(ctx, bucketNames);
    generateSqlInstances(ctx);
    generateClusters(ctx);
    generateFunctions(ctx);
  }

  const billingRng = rng.fork('billing');
  const accountId = [billingRng.hex(6), billingRng.hex(6), billingRng.hex(6)].join('-').toUpperCase();
  estate.billing = {
    billingAccountId: accountId,
    project: estate.projects[0]!.projectId,
    dataset: 'billing_export',
    table: `gcp_billing_export_v1_${accountId.replace(/-/g, '_')}`,
    rows: generateCostHistory(
      billingRng,
      {
        cloud: 'gcp',
        accounts: estate.projects.map((p) => p.projectId),
        services: BILLING_SERVICES,
        epoch,
        days: 120,
        anomalies: Math.max(2, estate.projects.length),
      },
      manifest,
    ),
  };
  return estate;
}

/** `acme-payments-prod-4821`, kept within the 30 characters Google allows. */
function projectIdFor(app: string, envWord: string, suffix: number): string {
  const id = `acme-${app}-${envWord}-${suffix}`;
  if (id.length <= 30) return id;
  const short = `acme-${app}-${envWord.slice(0, 3)}-${suffix}`;
  return short.length <= 30
    ? short
    : `acme-${app.slice(0, 30 - 14).replace(/-+$/, '')}-${envWord.slice(0, 3)}-${suffix}`;
}
