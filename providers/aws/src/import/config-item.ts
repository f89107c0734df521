import { invalidRecord } from './import-outcome.ts';
import { lowerKeys, parseAwsDate, readTags } from './config-shape.ts';

/** A relationship AWS Config recorded (`Is attached to Instance`, `Is contained in Vpc`). */
export interface ConfigRelationship {
  resourceId?: string;
  resourceType?: string;
  resourceName?: string;
  name?: string;
}

/** One configuration item, its fields read whatever casing the source used. */
export interface ConfigItem {
  /** Where the item is in the file, for messages: `configurationItems[16]`. */
  path: string;
  resourceType: string;
  resourceId: string | undefined;
  resourceName: string | undefined;
  arn: string | undefined;
  accountId: string;
  awsRegion: string;
  availabilityZone: string | undefined;
  status: string | undefined;
  resourceCreationTime: Date | undefined;
  tags: Record<string, string> | undefined;
  configuration: Record<string, unknown>;
  supplementary: Record<string, unknown>;
  relationships: ConfigRelationship[];
}

/** Statuses of items that describe a resource that no longer exists or was never recorded. */
const GONE = new Set(['resourcedeleted', 'resourcedeletednotrecorded', 'resourcenotrecorded']);

/**
 * Reads one configuration item as the snapshot file, `select-resource-config` (each result is a
 * JSON string) or `get-resource-config-history` wrote it. Field names are matched without regard
 * to case (`ARN` and `arn`, `configurationStateID` and `configurationStateId`), `configuration`
 * and `supplementaryConfiguration` may be objects or JSON strings, `tags` a map or a list.
 * Throws `import-record-invalid` naming the field when the item cannot describe a resource.
 */
export function readConfigItem(raw: unknown, path: string): ConfigItem | { gone: string } {
  let value = raw;
  if (typeof value === 'string') value = parseJson(value, path);
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw invalidRecord(path, 'not a configuration item (expected a JSON object)');
  const item = lowerKeys(value as Record<string, unknown>);
  const resourceType = str(item['resourcetype']);
  if (!resourceType) throw invalidRecord(`${path}.resourceType`, 'missing');
  const status = str(item['configurationitemstatus']);
  if (status && GONE.has(status.toLowerCase())) return { gone: `${resourceType} with status ${status}` };

  const arn = str(item['arn']);
  const arnParts = arn?.split(':') ?? [];
  const accountId = str(item['accountid']) ?? (arnParts[4] || undefined);
  if (!accountId) throw invalidRecord(`${path}.accountId`, 'missing (and no ARN to read it from)');
  const awsRegion =
    str(item['awsregion']) ?? (arnParts[3] || (resourceType.startsWith('AWS::IAM::') ? 'global' : undefined));
  if (!awsRegion) throw invalidRecord(`${path}.awsRegion`, 'missing (and no ARN to read it from)');

  const configuration = objectField(item['configuration'], `${path}.configuration`);
  if (!configuration) throw invalidRecord(`${path}.configuration`, 'missing');
  const tagsRaw = item['tags'];
  const tags = readTags(tagsRaw);
  if (tagsRaw !== undefined && tagsRaw !== null && !tags)
    throw invalidRecord(`${path}.tags`, 'not a tag map or tag list');
  return {
    path,
    resourceType,
    resourceId: str(item['resourceid']),
    resourceName: str(item['resourcename']),
    arn,
    accountId,
    awsRegion,
    availabilityZone: str(item['availabilityzone']) ?? str(item['availibilityzone']),
    status,
    resourceCreationTime: parseAwsDate(item['resourcecreationtime']),
    tags,
    configuration,
    supplementary:
      objectField(item['supplementaryconfiguration'], `${path}.supplementaryConfiguration`) ?? {},
    relationships: Array.isArray(item['relationships'])
      ? (item['relationships'] as unknown[]).filter(isObject).map((r) => {
          const l = lowerKeys(r);
          return {
            resourceId: str(l['resourceid']),
            resourceType: str(l['resourcetype']),
            resourceName: str(l['resourcename']),
            name: str(l['name']) ?? str(l['relationshipname']),
          };
        })
      : [],
  };
}

/** A value that is an object or a JSON string of one; undefined when absent. */
export function objectField(value: unknown, path: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const parsed = typeof value === 'string' ? parseJson(value, path) : value;
  if (!isObject(parsed)) throw invalidRecord(path, 'not a JSON object');
  return parsed;
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalidRecord(path, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  return undefined;
}
