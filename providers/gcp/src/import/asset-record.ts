import { invalidRecord } from './import-outcome.ts';

/** An IAM policy as Cloud Asset Inventory exports it. */
export interface AssetIamPolicy {
  bindings?: { role?: string; members?: string[] }[];
}

/** What a ResourceSearchResult says about a resource besides its full data. */
export interface SearchFields {
  project?: string | undefined;
  displayName?: string | undefined;
  location?: string | undefined;
  labels?: Record<string, unknown> | undefined;
  networkTags?: string[] | undefined;
  kmsKeys?: string[] | undefined;
  createTime?: string | undefined;
  state?: string | undefined;
  additionalAttributes?: Record<string, unknown> | undefined;
}

/** One record of a Cloud Asset Inventory file, whichever command wrote it. */
export interface AssetRecord {
  path: string;
  /** The asset's full resource name (`//compute.googleapis.com/projects/p/zones/z/instances/i`). */
  name: string;
  assetType: string;
  /** `resource.data`: the service's own REST representation (export, `asset list`, `--read-mask`). */
  data?: Record<string, unknown> | undefined;
  iamPolicy?: AssetIamPolicy | undefined;
  /** `projects/123`, `folders/…`, `organizations/…`, nearest first. */
  ancestors: string[];
  /** Present for `search-all-resources` results. */
  search?: SearchFields | undefined;
}

/** `asset_type` / `assetType` → `assettype`: the export files use proto names, gcloud camelCase. */
function fold(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const folded = key.replace(/_/g, '').toLowerCase();
    if (!(folded in out)) out[folded] = value;
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/**
 * Reads one record: an `Asset` line of `gcloud asset export` (snake_case, `resource.data` and/or
 * `iam_policy`), an element of `gcloud asset list --format=json` (camelCase), or a
 * `ResourceSearchResult` of `gcloud asset search-all-resources --format=json` (its
 * `versionedResources[].resource`, present with `--read-mask='*'`, is used as the data).
 * Throws `import-record-invalid` naming the field when the record cannot be an asset.
 */
export function readAssetRecord(raw: unknown, path: string): AssetRecord {
  if (!isObject(raw)) throw invalidRecord(path, 'not an asset (expected a JSON object)');
  const r = fold(raw);
  const name = r['name'];
  if (name === undefined || name === null || name === '') throw invalidRecord(`${path}.name`, 'missing');
  if (typeof name !== 'string' || !name.startsWith('//'))
    throw invalidRecord(`${path}.name`, 'not a full resource name (//service.googleapis.com/…)');
  const assetType = r['assettype'];
  if (assetType === undefined || assetType === null || assetType === '')
    throw invalidRecord(`${path}.assetType`, 'missing');
  if (typeof assetType !== 'string') throw invalidRecord(`${path}.assetType`, 'not a string');
  const ancestors = strings(r['ancestors']) ?? [];
  const policy = r['iampolicy'];
  if (policy !== undefined && policy !== null && !isObject(policy))
    throw invalidRecord(`${path}.iamPolicy`, 'not a JSON object');

  if ('resource' in r && r['resource'] !== null) {
    if (!isObject(r['resource'])) throw invalidRecord(`${path}.resource`, 'not a JSON object');
    const data = fold(r['resource'])['data'];
    if (!isObject(data))
      throw invalidRecord(`${path}.resource.data`, data === undefined ? 'missing' : 'not a JSON object');
    return { path, name, assetType, data, iamPolicy: policy as AssetIamPolicy | undefined, ancestors };
  }
  if (isObject(policy)) return { path, name, assetType, iamPolicy: policy as AssetIamPolicy, ancestors };

  // A ResourceSearchResult.
  const versioned = Array.isArray(r['versionedresources']) ? (r['versionedresources'] as unknown[]) : [];
  const full = versioned.map((v) => (isObject(v) ? fold(v)['resource'] : undefined)).find(isObject);
  const project = str(r['project']);
  return {
    path,
    name,
    assetType,
    data: full,
    ancestors: ancestors.length ? ancestors : project ? [project] : [],
    search: {
      project,
      displayName: str(r['displayname']),
      location: str(r['location']),
      labels: isObject(r['labels']) ? r['labels'] : undefined,
      networkTags: strings(r['networktags']),
      kmsKeys: strings(r['kmskeys']) ?? (str(r['kmskey']) ? [str(r['kmskey'])!] : undefined),
      createTime: str(r['createtime']),
      state: str(r['state']),
      additionalAttributes: isObject(r['additionalattributes']) ? r['additionalattributes'] : undefined,
    },
  };
}
