import {
  NATIVE_TYPES,
  UnexpectedError,
  deriveEnvironment,
  type Relationship,
  type Resource,
  type ResourceState,
  type ResourceType,
} from '@escher/protocol';
import type { GraphRow } from '../resource-graph/graph-row.ts';

/** Azure's native types by lower-case spelling, mapped to SPEC's canonical casing and type. */
const CANONICAL = new Map<string, { nativeType: string; type: ResourceType }>();
for (const [type, byCloud] of Object.entries(NATIVE_TYPES) as [ResourceType, { azure: readonly string[] }][])
  for (const nativeType of byCloud.azure) CANONICAL.set(nativeType.toLowerCase(), { nativeType, type });

/**
 * The SPEC type and canonical native type of an ARM type in any casing (Resource Graph lower-cases
 * types; AKS reports `ManagedClusters`).
 */
export function canonicalType(armType: string): { nativeType: string; type: ResourceType } | undefined {
  return CANONICAL.get(armType.toLowerCase());
}

/** A region code from what ARM returns: `westus2`, or a display name (`West US 2`) for Web and DB. */
export function regionCode(location: string | undefined): string {
  return (location ?? '').toLowerCase().replace(/\s+/g, '') || 'global';
}

/** Tags as strings (ARM tags are strings; Graph may hand back null for none). */
export function tagsOf(tags: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags ?? {})) out[key] = value === null ? '' : String(value);
  return out;
}

/** The resource group segment of an ARM id, in its original casing (Graph lower-cases its column). */
export function resourceGroupOf(id: string): string | undefined {
  const parts = id.split('/');
  return parts[3]?.toLowerCase() === 'resourcegroups' ? parts[4] : undefined;
}

/** The ARM id `levels` child segments (name + type pairs) above `id`. */
export function parentId(id: string, levels = 1): string {
  return id
    .split('/')
    .slice(0, -2 * levels)
    .join('/');
}

/** Maps ARM's provisioningState to a normalised state, for resources with no power state. */
export function provisioningState(value: unknown): ResourceState {
  switch (String(value ?? '').toLowerCase()) {
    case 'succeeded':
      return 'available';
    case 'creating':
    case 'updating':
    case 'accepted':
    case 'provisioning':
    case 'migrating':
      return 'pending';
    case 'deleting':
      return 'deleting';
    case 'failed':
    case 'canceled':
      return 'failed';
    default:
      return 'unknown';
  }
}

/** Relationships to the ids given, skipping absent ones and duplicates (case-insensitively). */
export function relationships(kind: string, ids: readonly (string | undefined | null)[]): Relationship[] {
  const seen = new Set<string>();
  const out: Relationship[] = [];
  for (const id of ids) {
    if (!id || seen.has(id.toLowerCase())) continue;
    seen.add(id.toLowerCase());
    out.push({ kind, targetId: id });
  }
  return out;
}

/** Drops undefined attributes, so stored resources and change sets carry only what Azure said. */
function compact(attributes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) out[key] = value;
  return out;
}

export interface ResourceFields {
  id: string;
  name: string;
  armType: string;
  subscriptionId: string;
  location: string | undefined;
  zone?: string | undefined;
  state: ResourceState;
  tags: Record<string, string>;
  createdAt?: string | undefined;
  attributes: Record<string, unknown>;
  relationships: Relationship[];
}

/**
 * Assembles a SPEC `Resource` from normalised fields: canonical native type, region code,
 * environment from tags or name, and `resourceGroup` in its original casing as an attribute.
 */
export function makeResource(fields: ResourceFields): Resource {
  const canonical = canonicalType(fields.armType);
  if (!canonical) throw new UnexpectedError('azure-unmapped-type', `No SPEC type for ${fields.armType}`);
  const resource: Resource = {
    id: fields.id,
    nativeId: fields.id,
    cloud: 'azure',
    account: fields.subscriptionId,
    region: regionCode(fields.location),
    type: canonical.type,
    nativeType: canonical.nativeType,
    name: fields.name,
    state: fields.state,
    tags: fields.tags,
    attributes: compact({ resourceGroup: resourceGroupOf(fields.id), ...fields.attributes }),
    relationships: fields.relationships,
  };
  if (fields.zone) resource.zone = fields.zone;
  const environment = deriveEnvironment(fields.tags, fields.name);
  if (environment) resource.environment = environment;
  const created = fields.createdAt ? Date.parse(fields.createdAt) : NaN;
  if (!Number.isNaN(created)) resource.createdAt = new Date(created).toISOString();
  return resource;
}

/** The fields every Graph row gives directly. */
export function rowFields(
  row: GraphRow,
): Pick<ResourceFields, 'id' | 'name' | 'armType' | 'subscriptionId' | 'location' | 'tags' | 'zone'> {
  return {
    id: row.id,
    name: row.name,
    armType: row.type,
    subscriptionId: row.subscriptionId,
    location: row.location,
    tags: tagsOf(row.tags),
    // A zone-redundant resource (zones 1, 2, 3) is in no one zone.
    zone: row.zones?.length === 1 ? row.zones[0] : undefined,
  };
}

/** User-assigned identities a resource runs as (`identity.userAssignedIdentities` keys). */
export function userAssignedIdentities(row: Pick<GraphRow, 'identity'>): string[] {
  return Object.keys(row.identity?.userAssignedIdentities ?? {});
}

/** `properties`, typed as the caller expects; every field is optional and read defensively. */
export function props<T>(row: Pick<GraphRow, 'properties'>): Partial<T> {
  return (row.properties ?? {}) as Partial<T>;
}
