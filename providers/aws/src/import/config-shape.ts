/*
 * AWS Config records a resource's `configuration` as the describe API's answer serialised by the
 * Java SDK: camelCase keys made by lower-casing the first letter of the API's names
 * (`dBInstanceIdentifier`, `dNSName`), enums sometimes as `{ "value": "in-use" }`, timestamps as
 * strings (`2014-02-27T21:43:53.0885+0000`). The AWS normalisers take the JavaScript SDK v3 shapes
 * (PascalCase keys, Dates). This module converts the one into the other, so an imported record is
 * normalised by the very code a sync uses.
 */

/** SDK names that upper-casing the first letter of Config's spelling does not give back. */
const IRREGULAR = new Map(
  [
    'KMSKeyArn',
    'AWSAccountId',
    'DNSName',
    'MultiAZ',
    'IAMDatabaseAuthenticationEnabled',
    'DBInstanceIdentifier',
    'DBInstanceClass',
    'DBInstanceStatus',
    'DBInstanceArn',
    'DBSubnetGroup',
    'DBClusterIdentifier',
    'DBName',
    'CACertificateIdentifier',
    'KMSMasterKeyID',
  ].map((name) => [name.toLowerCase(), name]),
);

/** Keys whose values the SDK returns as Dates (and some normalisers call `toISOString` on). */
const DATE_KEYS = new Set([
  'LaunchTime',
  'AttachTime',
  'CreateTime',
  'StartTime',
  'CreationDate',
  'CreatedTime',
  'InstanceCreateTime',
  'CreateDate',
  'LastUsedDate',
  'DeletionDate',
  'PasswordLastUsed',
  'ValidTo',
  'LatestRestorableTime',
  'UsageOperationUpdateTime',
]);

/** `dBInstanceClass` → `DBInstanceClass`, `kmskeyArn` → `KMSKeyArn`. */
export function sdkKey(key: string): string {
  return IRREGULAR.get(key.toLowerCase()) ?? key.charAt(0).toUpperCase() + key.slice(1);
}

/**
 * A date as AWS services write them: ISO 8601 with `Z` or a `+0000` offset, up to nine fraction
 * digits, or epoch milliseconds / seconds. Undefined when it is none of these.
 */
export function parseAwsDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number') {
    const date = new Date(value < 1e11 ? value * 1000 : value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  if (typeof value !== 'string' || value === '') return undefined;
  // `+0000` → `+00:00`; fractions beyond milliseconds are cut (Date.parse takes three digits).
  const text = value
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
    .replace(/(\.\d{3})\d+/, '$1')
    .replace(/(\.\d{1,2})(?=[Z+-])/, (f) => f.padEnd(4, '0'));
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Converts a Config `configuration` (or part of one) to the SDK v3 shape: keys to PascalCase,
 * single-field enum wrappers (`{ value: "in-use" }`) to their value, timestamps of known date
 * fields to Dates. Arrays and nested objects are converted throughout.
 */
export function toSdkShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSdkShape);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1 && entries[0]![0].toLowerCase() === 'value') {
    const inner = entries[0]![1];
    if (inner === null || typeof inner !== 'object') return inner;
  }
  const out: Record<string, unknown> = {};
  for (const [key, raw] of entries) {
    const name = sdkKey(key);
    if (raw === null) continue;
    out[name] = DATE_KEYS.has(name) ? (parseAwsDate(raw) ?? raw) : toSdkShape(raw);
  }
  return out;
}

/** `{Key, Value}` tag lists as the SDK has them, from a Config tag map or any tag list spelling. */
export function sdkTags(tags: Record<string, string>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/**
 * A tag list or map in any of the spellings AWS Config uses: a map (`{"Name": "web"}`, snapshot
 * files), `[{key, value}]` (advanced query, configuration), `[{Key, Value}]` (CloudFormation-shaped
 * types), `[{tagName, tagValue}]` (older snapshots) or `[{tagKey, tagValue}]` (KMS).
 */
export function readTags(value: unknown): Record<string, string> | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const out: Record<string, string> = {};
    for (const entry of value) {
      if (entry === null || typeof entry !== 'object') continue;
      const lower = lowerKeys(entry as Record<string, unknown>);
      const key = lower['key'] ?? lower['tagkey'] ?? lower['tagname'];
      if (typeof key !== 'string') continue;
      const v = lower['value'] ?? lower['tagvalue'];
      out[key] = v === null || v === undefined ? '' : String(v);
    }
    return out;
  }
  if (typeof value === 'object') {
    const out: Record<string, string> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>))
      out[key] = v === null || v === undefined ? '' : String(v);
    return out;
  }
  return undefined;
}

/** The object's keys lower-cased (first spelling wins), for fields whose casing varies by source. */
export function lowerKeys(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const lower = key.toLowerCase();
    if (!(lower in out)) out[lower] = value;
  }
  return out;
}
