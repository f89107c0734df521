import type { GraphRow } from '../resource-graph/graph-row.ts';
import { invalidRecord } from './import-outcome.ts';

const ARM_ID = /^\/subscriptions\/([^/]+)\/(?:resourceGroups\/([^/]+)\/)?providers\/.+\/[^/]+$/i;

/**
 * Reads one row of `az graph query -q "Resources" -o json` (or of the REST API's `data`) as the
 * `GraphRow` the provider's normalisers take. Column names are matched without regard to case
 * (a query may `project` them differently); `subscriptionId`, `resourceGroup` and `name` are
 * taken from the ARM id when the query left them out; `properties` may be an object or a JSON
 * string. Throws `import-record-invalid` naming the field when the row cannot be a resource.
 */
export function readGraphRow(raw: unknown, path: string): GraphRow {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw invalidRecord(path, 'not a Resource Graph row (expected a JSON object)');
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const lower = key.toLowerCase();
    if (!(lower in row)) row[lower] = value;
  }
  const id = row['id'];
  if (id === undefined || id === null || id === '') throw invalidRecord(`${path}.id`, 'missing');
  if (typeof id !== 'string') throw invalidRecord(`${path}.id`, 'not a string');
  const match = ARM_ID.exec(id);
  if (!match)
    throw invalidRecord(
      `${path}.id`,
      `'${clip(id)}' is not an Azure resource id (/subscriptions/…/providers/…)`,
    );
  const type = row['type'];
  if (type === undefined || type === null || type === '') throw invalidRecord(`${path}.type`, 'missing');
  if (typeof type !== 'string') throw invalidRecord(`${path}.type`, 'not a string');
  return {
    id,
    name: text(row['name'], `${path}.name`) ?? id.split('/').pop()!,
    type,
    location: text(row['location'], `${path}.location`) ?? '',
    resourceGroup: text(row['resourcegroup'], `${path}.resourceGroup`) ?? (match[2] ?? '').toLowerCase(),
    subscriptionId: text(row['subscriptionid'], `${path}.subscriptionId`) ?? match[1]!,
    tags: object(row['tags'], `${path}.tags`),
    properties: object(row['properties'], `${path}.properties`),
    sku: object(row['sku'], `${path}.sku`) as GraphRow['sku'],
    kind: text(row['kind'], `${path}.kind`) ?? null,
    zones: Array.isArray(row['zones']) ? (row['zones'] as unknown[]).map(String) : null,
    managedBy: text(row['managedby'], `${path}.managedBy`) ?? null,
    identity: object(row['identity'], `${path}.identity`) as GraphRow['identity'],
  };
}

function text(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalidRecord(path, 'not a string');
  return value;
}

function object(value: unknown, path: string): Record<string, unknown> | null {
  if (value === undefined || value === null || value === '') return null;
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value) as unknown;
    } catch {
      throw invalidRecord(path, 'not a JSON object');
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw invalidRecord(path, 'not a JSON object');
  return parsed as Record<string, unknown>;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
