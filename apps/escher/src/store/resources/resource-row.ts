import type { Cloud, Environment, Resource, ResourceType } from '@escher/protocol';

/** A `resources` row as SQLite returns it. */
export interface ResourceRow {
  rowid: number;
  id: string;
  /** The scope that last listed the resource (`scopes.id`); not part of the resource. */
  scope_id: number;
  cloud: string;
  account: string;
  region: string;
  type: string;
  native_type: string;
  name: string;
  state: string | null;
  environment: string | null;
  zone: string | null;
  created_at: string | null;
  cost_monthly: number | null;
  native_id: string | null;
  tags: string;
  attributes: string;
  relationships: string;
  removed_at: number | null;
}

/** The columns a resource's content maps to, in the order of the `resources` table. */
export type ContentValues = [
  cloud: string,
  account: string,
  region: string,
  type: string,
  nativeType: string,
  name: string,
  state: string | null,
  environment: string | null,
  zone: string | null,
  createdAt: string | null,
  costMonthly: number | null,
  nativeId: string | null,
  tags: string,
  attributes: string,
  relationships: string,
];

/** Every column `rowToResource` needs. */
export const RESOURCE_SELECT_COLUMNS =
  'rowid, id, scope_id, cloud, account, region, type, native_type, name, state, environment, zone, ' +
  'created_at, cost_monthly, native_id, tags, attributes, relationships, removed_at';

/** Serialises a resource's content once: the JSON strings double as the change-detection key. */
export function contentValues(resource: Resource): ContentValues {
  return [
    resource.cloud,
    resource.account,
    resource.region,
    resource.type,
    resource.nativeType,
    resource.name,
    resource.state ?? null,
    resource.environment ?? null,
    resource.zone ?? null,
    resource.createdAt ?? null,
    resource.costMonthly ?? null,
    resource.nativeId === resource.id ? null : resource.nativeId,
    JSON.stringify(resource.tags),
    JSON.stringify(resource.attributes),
    JSON.stringify(resource.relationships),
  ];
}

/** True when the stored row already holds exactly these values (byte-equal JSON). */
export function sameContent(row: ResourceRow, values: ContentValues): boolean {
  return (
    row.cloud === values[0] &&
    row.account === values[1] &&
    row.region === values[2] &&
    row.type === values[3] &&
    row.native_type === values[4] &&
    row.name === values[5] &&
    row.state === values[6] &&
    row.environment === values[7] &&
    row.zone === values[8] &&
    row.created_at === values[9] &&
    row.cost_monthly === values[10] &&
    row.native_id === values[11] &&
    row.tags === values[12] &&
    row.attributes === values[13] &&
    row.relationships === values[14]
  );
}

/** Rebuilds the SPEC section 3 resource from its row. */
export function rowToResource(row: ResourceRow): Resource {
  const resource: Resource = {
    id: row.id,
    nativeId: row.native_id ?? row.id,
    cloud: row.cloud as Cloud,
    account: row.account,
    region: row.region,
    type: row.type as ResourceType,
    nativeType: row.native_type,
    name: row.name,
    tags: JSON.parse(row.tags) as Record<string, string>,
    attributes: JSON.parse(row.attributes) as Record<string, unknown>,
    relationships: JSON.parse(row.relationships) as Resource['relationships'],
  };
  if (row.zone !== null) resource.zone = row.zone;
  if (row.state !== null) resource.state = row.state;
  if (row.environment !== null) resource.environment = row.environment as Environment;
  if (row.created_at !== null) resource.createdAt = row.created_at;
  if (row.cost_monthly !== null) resource.costMonthly = row.cost_monthly;
  return resource;
}
