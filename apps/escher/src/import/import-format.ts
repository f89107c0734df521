/** The export formats `escher import` reads. */
export const IMPORT_FORMATS = [
  'aws-config',
  'azure-resource-graph',
  'gcp-asset-inventory',
  'escher',
] as const;
export type ImportFormatId = (typeof IMPORT_FORMATS)[number];

/**
 * The top-level keys under which each format's commands put their records:
 * `configurationItems` (Config snapshot files, `get-resource-config-history`), `Results`
 * (`select-resource-config`), `baseConfigurationItems` (`batch-get-resource-config`); `data`
 * (`az graph query`, the REST API); `assets` / `results` (the Cloud Asset REST API's list and
 * search); `resources` (`escher resources --json`). Every format also accepts a bare array.
 */
export const RECORD_KEYS: Readonly<Record<ImportFormatId, readonly string[]>> = {
  'aws-config': ['configurationItems', 'Results', 'baseConfigurationItems'],
  'azure-resource-graph': ['data'],
  'gcp-asset-inventory': ['assets', 'results'],
  escher: ['resources'],
};

/** The commands each format comes from, for messages. */
export const FORMAT_SOURCES: Readonly<Record<ImportFormatId, string>> = {
  'aws-config': 'an AWS Config snapshot file or `aws configservice select-resource-config` output',
  'azure-resource-graph': '`az graph query -q "Resources" -o json` output',
  'gcp-asset-inventory':
    '`gcloud asset export` NDJSON or `gcloud asset search-all-resources --format=json` output',
  escher: '`escher resources --json` output',
};

/** Which format one record belongs to, from its fields; undefined when it looks like none. */
export function formatOfRecord(value: unknown): ImportFormatId | undefined {
  let v = value;
  // `select-resource-config` results are JSON strings of configuration items.
  if (typeof v === 'string' && v.trimStart().startsWith('{')) {
    try {
      v = JSON.parse(v) as unknown;
    } catch {
      return undefined;
    }
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const r = v as Record<string, unknown>;
  if (typeof (r['assetType'] ?? r['asset_type']) === 'string') return 'gcp-asset-inventory';
  if (typeof r['resourceType'] === 'string' && r['resourceType'].startsWith('AWS::')) return 'aws-config';
  if (typeof r['cloud'] === 'string' && typeof r['nativeId'] === 'string') return 'escher';
  if (typeof r['id'] === 'string' && /^\/subscriptions\//i.test(r['id'])) return 'azure-resource-graph';
  return undefined;
}

/** The format whose documents put records under `key`. */
export function formatOfRecordsKey(key: string): ImportFormatId | undefined {
  return IMPORT_FORMATS.find((f) => RECORD_KEYS[f].includes(key));
}
