import { deriveEnvironment, type Relationship, type Resource, type ResourceType } from '@escher/protocol';

/** The fields a normaliser decides; the rest of a Resource follows from them. */
export interface GcpResourceFields {
  nativeId: string;
  account: string;
  region: string;
  zone?: string | undefined;
  type: ResourceType;
  nativeType: string;
  name: string;
  state?: string | undefined;
  tags?: Record<string, string>;
  createdAt?: string | undefined;
  attributes: Record<string, unknown>;
  relationships?: readonly (Relationship | undefined)[];
}

/**
 * Builds a GCP `Resource`: id = native id, environment derived from labels or name, undefined
 * attributes and relationships without a target dropped, so records stay small and comparable
 * between syncs.
 */
export function gcpResource(fields: GcpResourceFields): Resource {
  const tags = fields.tags ?? {};
  const environment = deriveEnvironment(tags, fields.name);
  const attributes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields.attributes)) if (v !== undefined) attributes[k] = v;
  return {
    id: fields.nativeId,
    nativeId: fields.nativeId,
    cloud: 'gcp',
    account: fields.account,
    region: fields.region,
    ...(fields.zone ? { zone: fields.zone } : {}),
    type: fields.type,
    nativeType: fields.nativeType,
    name: fields.name,
    ...(fields.state ? { state: fields.state } : {}),
    ...(environment ? { environment } : {}),
    tags,
    ...(fields.createdAt ? { createdAt: fields.createdAt } : {}),
    attributes,
    relationships: (fields.relationships ?? []).filter((r): r is Relationship => r !== undefined),
  };
}

/** A relationship, or undefined when the target is unknown. */
export function related(kind: string, targetId: string | undefined): Relationship | undefined {
  return targetId ? { kind, targetId } : undefined;
}
