import type { CheckId, Environment, ResourceType } from '@escher/protocol';
import type { Rng } from '../core/rng.ts';
import type { ManifestBuilder } from '../estate/manifest-builder.ts';
import { MISCONFIG_RATES } from '../estate/misconfig-rates.ts';
import { APPS, ENV_WEIGHTS } from '../estate/naming.ts';
import { generateTags } from '../estate/tags.ts';
import type { GcpEstate, GcpProject } from './estate.ts';

/** How many of each kind to generate in one project. */
export interface GcpBudget {
  instances: number;
  /** Disks beyond each instance's boot disk (data disks and unattached ones). */
  extraDisks: number;
  snapshots: number;
  networks: number;
  subnetworks: number;
  firewalls: number;
  addresses: number;
  forwardingRules: number;
  buckets: number;
  sqlInstances: number;
  clusters: number;
  functions: number;
  cryptoKeys: number;
  serviceAccounts: number;
}

/** Relative weight of each kind in a GCP estate (boot disks come with instances). */
export const GCP_WEIGHTS: Readonly<GcpBudget> = {
  instances: 15,
  extraDisks: 8,
  snapshots: 9,
  networks: 2,
  subnetworks: 6,
  firewalls: 10,
  addresses: 4,
  forwardingRules: 3,
  buckets: 8,
  sqlInstances: 5,
  clusters: 2,
  functions: 7,
  cryptoKeys: 4,
  serviceAccounts: 5,
};

/** What every GCP sub-generator receives for one project. */
export interface GcpGenContext {
  rng: Rng;
  epoch: number;
  manifest: ManifestBuilder;
  estate: GcpEstate;
  project: GcpProject;
  /** The project's own environment and application (most of its resources share them). */
  env: Environment;
  app: string;
  budget: GcpBudget;
  /** Hands out external IPv4 addresses, unique across the estate. */
  nextExternalIp(): string;
  /** The project's crypto key paths by location (`*`: all), built on first use. */
  cmekKeys?: Map<string, string[]> | undefined;
}

/** Counts a generated resource in the manifest. */
export function counted(ctx: GcpGenContext, type: ResourceType): void {
  ctx.manifest.resource('gcp', ctx.project.projectId, type);
}

/** Draws a misconfiguration at its documented rate and records it under `nativeId` when drawn. */
export function drawMisconfig(
  ctx: GcpGenContext,
  rng: Rng,
  checkId: Exclude<CheckId, 'cost.anomaly'>,
  nativeId: string,
): boolean {
  if (!rng.chance(MISCONFIG_RATES[checkId])) return false;
  ctx.manifest.misconfig(checkId, nativeId);
  return true;
}

/** Labels for a resource: sometimes missing env/owner (`resource.untagged`, recorded). */
export function labelsFor(
  ctx: GcpGenContext,
  rng: Rng,
  nativeId: string,
  env: Environment,
  app: string,
): Record<string, string> {
  const untagged = drawMisconfig(ctx, rng, 'resource.untagged', nativeId);
  return generateTags(rng, { env, app, untagged }, 'gcp');
}

/** The environment and app of one resource: mostly the project's, sometimes another. */
export function envAndApp(ctx: GcpGenContext, rng: Rng): { env: Environment; app: string } {
  const env = rng.chance(0.85) ? ctx.env : rng.weighted(ENV_WEIGHTS);
  const app = rng.chance(0.6) ? ctx.app : rng.pick(APPS);
  return { env, app };
}

/** Unique names within a scope: appends `-2`, `-3`, … to repeats. */
export class NameSet {
  private readonly used = new Set<string>();
  take(base: string): string {
    let name = base.slice(0, 62).replace(/-+$/, '');
    for (let i = 2; this.used.has(name); i++) name = `${base.slice(0, 58)}-${i}`;
    this.used.add(name);
    return name;
  }
}
