/*
 * Test support: reads a project of the simulator through Google's REST APIs — the representation
 * Cloud Asset Inventory copies into `resource.data` — and writes the records the real service
 * would: `gcloud asset export` lines (snake_case, as the files in Cloud Storage are), `iam-policy`
 * lines for the assets that have a policy, and `search-all-resources` results.
 */

type Json = Record<string, unknown>;

const COMPUTE = 'https://www.googleapis.com/discovery/v1/apis/compute/v1/rest';

/** One exported asset and the search result Cloud Asset Inventory would give for it. */
export interface ExportedAsset {
  line: Json;
  policy?: Json;
  search: Json;
}

async function get(base: string, path: string): Promise<Json> {
  const response = await fetch(`${base}${path}`, { headers: { authorization: 'Bearer asset-export' } });
  if (!response.ok) throw new RangeError(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Json;
}

async function all(base: string, path: string, key: string): Promise<Json[]> {
  const out: Json[] = [];
  let token: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await get(base, `${path}${token ? `${sep}pageToken=${encodeURIComponent(token)}` : ''}`);
    out.push(...((page[key] as Json[] | undefined) ?? []));
    token = page['nextPageToken'] as string | undefined;
  } while (token);
  return out;
}

async function aggregated(base: string, project: string, collection: string): Promise<Json[]> {
  const out: Json[] = [];
  let token: string | undefined;
  do {
    const page = await get(
      base,
      `/compute/v1/projects/${project}/aggregated/${collection}${token ? `?pageToken=${token}` : ''}`,
    );
    for (const scoped of Object.values((page['items'] as Record<string, Json> | undefined) ?? {}))
      out.push(...((scoped[collection] as Json[] | undefined) ?? []));
    token = page['nextPageToken'] as string | undefined;
  } while (token);
  return out;
}

function relative(link: string): string {
  return /(projects\/.+)$/.exec(link)![1]!;
}

interface AssetInput {
  name: string;
  assetType: string;
  data: Json;
  discovery: { uri: string; name: string; version: string };
  location?: string | undefined;
  policy?: Json | undefined;
  search: Json;
}

export async function exportProject(
  base: string,
  project: { id: string; number: string },
): Promise<ExportedAsset[]> {
  const p = project.id;
  const parent = `//cloudresourcemanager.googleapis.com/projects/${project.number}`;
  const ancestors = [`projects/${project.number}`, 'organizations/123456789012'];
  const assets: AssetInput[] = [];
  const compute = (
    assetType: string,
    discoveryName: string,
    data: Json,
    location: string | undefined,
    search: Json = {},
  ) =>
    assets.push({
      name: `//compute.googleapis.com/${relative(String(data['selfLink']))}`,
      assetType,
      data,
      discovery: { uri: COMPUTE, name: discoveryName, version: 'v1' },
      location,
      search,
    });
  const last = (link: unknown) =>
    String(link ?? '')
      .split('/')
      .pop();

  for (const d of await aggregated(base, p, 'instances'))
    compute('compute.googleapis.com/Instance', 'Instance', d, last(d['zone']), {
      state: d['status'],
      networkTags: (d['tags'] as Json | undefined)?.['items'],
    });
  for (const d of await aggregated(base, p, 'disks'))
    compute('compute.googleapis.com/Disk', 'Disk', d, last(d['zone'] ?? d['region']), {
      state: d['status'],
      kmsKeys: keyOf(d['diskEncryptionKey']),
    });
  for (const d of await all(base, `/compute/v1/projects/${p}/global/snapshots`, 'items')) {
    const policy = await get(
      base,
      `/compute/v1/projects/${p}/global/snapshots/${String(d['name'])}/getIamPolicy`,
    );
    compute('compute.googleapis.com/Snapshot', 'Snapshot', d, 'global', {
      state: d['status'],
      kmsKeys: keyOf(d['snapshotEncryptionKey']),
    });
    assets[assets.length - 1]!.policy = policy;
  }
  for (const d of await all(base, `/compute/v1/projects/${p}/global/networks`, 'items'))
    compute('compute.googleapis.com/Network', 'Network', d, 'global');
  for (const d of await aggregated(base, p, 'subnetworks'))
    compute('compute.googleapis.com/Subnetwork', 'Subnetwork', d, last(d['region']), { state: d['state'] });
  for (const d of await all(base, `/compute/v1/projects/${p}/global/firewalls`, 'items'))
    compute('compute.googleapis.com/Firewall', 'Firewall', d, 'global');
  for (const d of await aggregated(base, p, 'forwardingRules'))
    compute(
      d['region'] ? 'compute.googleapis.com/ForwardingRule' : 'compute.googleapis.com/GlobalForwardingRule',
      'ForwardingRule',
      d,
      last(d['region']) ?? 'global',
    );
  for (const d of await aggregated(base, p, 'addresses'))
    compute(
      d['region'] ? 'compute.googleapis.com/Address' : 'compute.googleapis.com/GlobalAddress',
      'Address',
      d,
      last(d['region']) ?? 'global',
      { state: d['status'] },
    );

  for (const d of await all(base, `/storage/v1/b?project=${p}`, 'items')) {
    const policy = await get(base, `/storage/v1/b/${String(d['name'])}/iam`);
    assets.push({
      name: `//storage.googleapis.com/${String(d['name'])}`,
      assetType: 'storage.googleapis.com/Bucket',
      data: d,
      discovery: {
        uri: 'https://www.googleapis.com/discovery/v1/apis/storage/v1/rest',
        name: 'Bucket',
        version: 'v1',
      },
      location: String(d['location']).toLowerCase(),
      policy,
      search: {
        kmsKeys: keyOf({ kmsKeyName: (d['encryption'] as Json | undefined)?.['defaultKmsKeyName'] }),
      },
    });
  }
  for (const d of await all(base, `/v1/projects/${p}/instances`, 'items'))
    assets.push({
      name: `//cloudsql.googleapis.com/projects/${p}/instances/${String(d['name'])}`,
      assetType: 'sqladmin.googleapis.com/Instance',
      data: d,
      discovery: {
        uri: 'https://sqladmin.googleapis.com/$discovery/rest',
        name: 'DatabaseInstance',
        version: 'v1beta4',
      },
      location: String(d['region']),
      search: { state: d['state'], kmsKeys: keyOf(d['diskEncryptionConfiguration']) },
    });
  for (const d of await all(base, `/v1/projects/${p}/locations/-/clusters`, 'clusters'))
    assets.push({
      name: `//container.googleapis.com/projects/${p}/locations/${String(d['location'])}/clusters/${String(d['name'])}`,
      assetType: 'container.googleapis.com/Cluster',
      data: d,
      discovery: { uri: 'https://container.googleapis.com/$discovery/rest', name: 'Cluster', version: 'v1' },
      location: String(d['location']),
      search: { state: d['status'] },
    });
  const v2 = await all(base, `/v2/projects/${p}/locations/-/functions`, 'functions');
  for (const d of await all(base, `/v1/projects/${p}/locations/-/functions`, 'functions'))
    assets.push({
      name: `//cloudfunctions.googleapis.com/${String(d['name'])}`,
      assetType: 'cloudfunctions.googleapis.com/CloudFunction',
      data: d,
      discovery: {
        uri: 'https://cloudfunctions.googleapis.com/$discovery/rest',
        name: 'CloudFunction',
        version: 'v1',
      },
      location: String(d['name']).split('/')[3],
      search: { state: d['status'], createTime: v2.find((f) => f['name'] === d['name'])?.['createTime'] },
    });
  // The v2 API describes 1st gen functions too; the export has both assets for them.
  for (const d of v2)
    assets.push({
      name: `//cloudfunctions.googleapis.com/${String(d['name'])}`,
      assetType: 'cloudfunctions.googleapis.com/Function',
      data: d,
      discovery: {
        uri: 'https://cloudfunctions.googleapis.com/$discovery/rest',
        name: 'Function',
        version: 'v2',
      },
      location: String(d['name']).split('/')[3],
      search: d['environment'] === 'GEN_1' ? { skip: true } : { state: d['state'] },
    });
  for (const loc of await all(base, `/v1/projects/${p}/locations`, 'locations'))
    for (const ring of await all(
      base,
      `/v1/projects/${p}/locations/${String(loc['locationId'])}/keyRings`,
      'keyRings',
    ))
      for (const d of await all(base, `/v1/${String(ring['name'])}/cryptoKeys`, 'cryptoKeys'))
        assets.push({
          name: `//cloudkms.googleapis.com/${String(d['name'])}`,
          assetType: 'cloudkms.googleapis.com/CryptoKey',
          data: d,
          discovery: {
            uri: 'https://cloudkms.googleapis.com/$discovery/rest',
            name: 'CryptoKey',
            version: 'v1',
          },
          location: String(loc['locationId']),
          search: {},
        });
  for (const d of await all(base, `/v1/projects/${p}/serviceAccounts`, 'accounts'))
    assets.push({
      name: `//iam.googleapis.com/projects/${p}/serviceAccounts/${String(d['uniqueId'])}`,
      assetType: 'iam.googleapis.com/ServiceAccount',
      data: d,
      discovery: { uri: 'https://iam.googleapis.com/$discovery/rest', name: 'ServiceAccount', version: 'v1' },
      location: 'global',
      search: { additionalAttributes: { email: d['email'] } },
    });

  return assets.map((a) => {
    const bindings = ((a.policy?.['bindings'] as unknown[] | undefined) ?? []).length;
    const labels =
      a.data['labels'] ??
      (a.data['settings'] as Json | undefined)?.['userLabels'] ??
      a.data['resourceLabels'];
    return {
      line: {
        name: a.name,
        asset_type: a.assetType,
        resource: {
          version: a.discovery.version,
          discovery_document_uri: a.discovery.uri,
          discovery_name: a.discovery.name,
          parent,
          data: a.data,
          location: a.location,
        },
        ancestors,
        update_time: '2026-01-05T10:00:00.123456Z',
      },
      ...(bindings
        ? {
            policy: {
              name: a.name,
              asset_type: a.assetType,
              iam_policy: { version: 1, bindings: a.policy!['bindings'], etag: 'BwYAAAAAAAA=' },
              ancestors,
              update_time: '2026-01-05T10:00:00.123456Z',
            },
          }
        : {}),
      search: a.search['skip']
        ? {}
        : {
            name: a.name,
            assetType: a.assetType,
            project: `projects/${project.number}`,
            folders: [],
            organization: 'organizations/123456789012',
            displayName: String(a.data['displayName'] ?? a.data['name'])
              .split('/')
              .pop(),
            location: a.location,
            ...(labels ? { labels } : {}),
            createTime:
              a.search['createTime'] ??
              a.data['creationTimestamp'] ??
              a.data['createTime'] ??
              a.data['timeCreated'],
            parentFullResourceName: parent,
            parentAssetType: 'cloudresourcemanager.googleapis.com/Project',
            ...Object.fromEntries(Object.entries(a.search).filter(([, v]) => v !== undefined)),
          },
    };
  });
}

function keyOf(config: unknown): string[] | undefined {
  const key = (config as Json | undefined)?.['kmsKeyName'];
  return typeof key === 'string' ? [key.replace(/\/cryptoKeyVersions\/.*$/, '')] : undefined;
}
