/*
 * Test support: a configuration item as AWS Config writes one, from an SDK record — Java-SDK
 * camelCase (`dBInstanceIdentifier`, `dNSName`, `kmskeyArn`), timestamps as
 * `2024-01-01T00:00:00.000+0000`, the item's `tags` as a map.
 */

export type Json = Record<string, unknown>;

const JAVA_NAMES: Record<string, string> = {
  KMSKeyArn: 'kmskeyArn',
  AWSAccountId: 'awsaccountId',
  SSEAlgorithm: 'sseAlgorithm',
  KMSMasterKeyID: 'kmsMasterKeyID',
};

/** SDK shape → Config's Java-bean camelCase, Dates as Config writes them. */
export function configCase(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('Z', '+0000');
  if (Array.isArray(value)) return value.map(configCase);
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value as Json)) {
    if (v === undefined) continue;
    out[JAVA_NAMES[key] ?? key.charAt(0).toLowerCase() + key.slice(1)] = configCase(v);
  }
  return out;
}

export function tagMap(
  tags: readonly { Key?: string; Value?: string }[] | undefined,
): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

export interface ItemInput {
  account: string;
  region: string;
  type: string;
  id: string;
  name?: string | undefined;
  arn?: string | undefined;
  zone?: string | undefined;
  created?: Date | undefined;
  tags: Record<string, string>;
  configuration: unknown;
  supplementary?: Json;
  relationships?: Json[];
}

export function item(i: ItemInput): Json {
  return {
    version: '1.3',
    accountId: i.account,
    configurationItemCaptureTime: '2026-01-05T10:00:00.000Z',
    configurationItemStatus: 'OK',
    configurationStateId: '1704448800000',
    configurationItemMD5Hash: '',
    arn: i.arn,
    resourceType: i.type,
    resourceId: i.id,
    resourceName: i.name,
    awsRegion: i.region,
    availabilityZone: i.zone ?? (i.region === 'global' ? 'Not Applicable' : 'Multiple Availability Zones'),
    resourceCreationTime: i.created?.toISOString(),
    tags: i.tags,
    relatedEvents: [],
    relationships: i.relationships ?? [],
    configuration: i.configuration,
    supplementaryConfiguration: i.supplementary ?? {},
  };
}
