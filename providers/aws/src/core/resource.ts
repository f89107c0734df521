import { deriveEnvironment, type Relationship, type Resource, type ResourceType } from '@escher/protocol';

/** What a normaliser knows about one record; `toResource` fills in the rest. */
export interface ResourceInput {
  arn: string;
  account: string;
  region: string;
  zone?: string | undefined;
  type: ResourceType;
  nativeType: string;
  name: string;
  state?: string | undefined;
  tags: Record<string, string>;
  createdAt?: Date | string | undefined;
  attributes: Record<string, unknown>;
  relationships?: (Relationship | undefined)[];
}

/**
 * Builds a SPEC section 3 resource: id = nativeId = the ARN, environment derived from tags or
 * name (the same rule everywhere), undefined attributes dropped, relationships de-duplicated.
 */
export function toResource(input: ResourceInput): Resource {
  const environment = deriveEnvironment(input.tags, input.name);
  const createdAt = isoDate(input.createdAt);
  const seen = new Set<string>();
  const relationships: Relationship[] = [];
  for (const rel of input.relationships ?? []) {
    if (!rel || rel.targetId === input.arn) continue;
    const key = `${rel.kind} ${rel.targetId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    relationships.push(rel);
  }
  return {
    id: input.arn,
    nativeId: input.arn,
    cloud: 'aws',
    account: input.account,
    region: input.region,
    ...(input.zone ? { zone: input.zone } : {}),
    type: input.type,
    nativeType: input.nativeType,
    name: input.name,
    ...(input.state ? { state: input.state } : {}),
    ...(environment ? { environment } : {}),
    tags: input.tags,
    ...(createdAt ? { createdAt } : {}),
    attributes: compact(input.attributes),
    relationships,
  };
}

/** A relationship, or undefined when the target is unknown (so callers can list optionals). */
export function rel(kind: string, targetId: string | undefined): Relationship | undefined {
  return targetId ? { kind, targetId } : undefined;
}

/** ISO 8601 of a Date or date string; undefined for missing or unparseable input. */
export function isoDate(value: Date | string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function compact(attributes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) out[key] = value;
  return out;
}
