import type { CheckId, Environment, ResourceType } from '@escher/protocol';
import type { Rng } from '../../core/rng.ts';
import type { ManifestBuilder } from '../../estate/manifest-builder.ts';
import { MISCONFIG_RATES } from '../../estate/misconfig-rates.ts';
import { generateTags, isTagged } from '../../estate/tags.ts';
import { addResource, type AzureEstate } from '../estate.ts';
import type { AnyResource, ResourceGroupRecord } from '../records.ts';

/** A resource group with the application and environment its resources belong to. */
export interface GenGroup {
  group: ResourceGroupRecord;
  app: string;
  env: Environment;
}

/** What every Azure sub-generator shares. */
export interface AzureGenContext {
  rng: Rng;
  epoch: number;
  manifest: ManifestBuilder;
  az: AzureEstate;
  groups: GenGroup[];
  /** Per-kind sequence numbers, so generated names are unique. */
  seq: Map<string, number>;
}

export const DAY_MS = 86_400_000;

/** ARM resource ID: `/subscriptions/{sub}/resourceGroups/{rg}/providers/{type}/{name}`. */
export function armId(subscriptionId: string, resourceGroup: string, type: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${type}/${name}`;
}

export function nextSeq(ctx: AzureGenContext, kind: string): number {
  const n = (ctx.seq.get(kind) ?? 0) + 1;
  ctx.seq.set(kind, n);
  return n;
}

/** Where a resource goes: a resource group, and its location (usually the group's own). */
export function place(ctx: AzureGenContext, rng: Rng): { g: GenGroup; location: string } {
  const g = rng.pick(ctx.groups);
  const location = rng.chance(0.85) ? g.group.location : rng.pick(ctx.az.regions);
  return { g, location };
}

/** Tags with the estate's usual mess; some resources miss the required ones. */
export function tagsFor(rng: Rng, g: GenGroup): Record<string, string> {
  return generateTags(
    rng,
    { env: g.env, app: g.app, untagged: rng.chance(MISCONFIG_RATES['resource.untagged']) },
    'azure',
  );
}

/** The common fields of a resource placed in `g`. */
export function base(
  ctx: AzureGenContext,
  rng: Rng,
  g: GenGroup,
  location: string,
  type: string,
  name: string,
  maxAgeDays = 900,
): {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  tags: Record<string, string>;
  createdAt: number;
} {
  return {
    id: armId(g.group.subscriptionId, g.group.name, type, name),
    name,
    subscriptionId: g.group.subscriptionId,
    resourceGroup: g.group.name,
    location,
    tags: tagsFor(rng, g),
    createdAt: ctx.epoch - rng.int(1, maxAgeDays) * DAY_MS - rng.int(0, DAY_MS - 1),
  };
}

/**
 * Adds a resource to the estate and counts it in the manifest under `type` (undefined for internal
 * records such as NICs, which SPEC section 3 has no type for). Untagged resources are recorded.
 */
export function add(ctx: AzureGenContext, resource: AnyResource, type: ResourceType | undefined): void {
  addResource(ctx.az, resource);
  if (!type) return;
  ctx.manifest.resource('azure', resource.subscriptionId, type);
  if (!isTagged(resource.tags)) ctx.manifest.misconfig('resource.untagged', resource.id);
}

export function misconfig(ctx: AzureGenContext, checkId: CheckId, id: string): void {
  ctx.manifest.misconfig(checkId, id);
}

/** Draws a misconfiguration at its documented rate. */
export function draw(rng: Rng, checkId: Exclude<CheckId, 'cost.anomaly'>): boolean {
  return rng.chance(MISCONFIG_RATES[checkId]);
}

/** A public IPv4 address from ranges Azure announces. */
export function publicIp(rng: Rng): string {
  return `${rng.pick([20, 40, 52, 13, 104, 4, 51, 23])}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

/** Squeezes a name into Azure's lower-case alphanumeric rule (storage accounts): 3–24 chars. */
export function alnumName(parts: string[], suffix: string): string {
  const body = parts
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return (body.slice(0, 24 - suffix.length) + suffix).slice(0, 24);
}

export function mac(rng: Rng): string {
  return `00-0D-3A-${rng.hex(2)}-${rng.hex(2)}-${rng.hex(2)}`.toUpperCase();
}
