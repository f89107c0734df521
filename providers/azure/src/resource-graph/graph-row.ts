/**
 * One row of a Resource Graph `Resources` query, projected as {@link GRAPH_COLUMNS}. `type` and
 * `resourceGroup` come lower-cased (Resource Graph normalises them); `id` keeps ARM's casing;
 * `properties` is the resource provider's own JSON, read defensively by each normaliser.
 */
export interface GraphRow {
  id: string;
  name: string;
  type: string;
  location: string;
  resourceGroup: string;
  subscriptionId: string;
  tags: Record<string, unknown> | null;
  properties: Record<string, unknown> | null;
  sku: { name?: string; tier?: string } | null;
  kind: string | null;
  zones: string[] | null;
  managedBy: string | null;
  identity: { type?: string; userAssignedIdentities?: Record<string, unknown> } | null;
}

/** The columns every discovery query projects. */
export const GRAPH_COLUMNS = [
  'id',
  'name',
  'type',
  'location',
  'resourceGroup',
  'subscriptionId',
  'tags',
  'properties',
  'sku',
  'kind',
  'zones',
  'managedBy',
  'identity',
] as const;

/**
 * KQL for the resources of `types` (ARM types, any casing), plus an optional extra clause ORed in
 * (function apps are `Microsoft.Web/sites` whose kind says so).
 */
export function resourcesQuery(types: readonly string[], extra?: string): string {
  const list = types.map((t) => `'${t.toLowerCase()}'`).join(', ');
  const where = extra ? `type in~ (${list}) or ${extra}` : `type in~ (${list})`;
  return `Resources | where ${where} | project ${GRAPH_COLUMNS.join(', ')}`;
}
