import type { Resource, ResourceType } from '@escher/protocol';
import { instanceState } from '../compute/normalise-instance.ts';
import { snapshotState } from '../compute/normalise-snapshot.ts';
import { clusterState } from '../container/normalise-cluster.ts';
import { functionState } from '../functions/function-state.ts';
import { isoTime, kmsKeyId, labelsOf, regionOfZone } from '../names.ts';
import { gcpResource, related } from '../resource.ts';
import { sqlState } from '../sql/normalise-sql-instance.ts';
import type { AssetRecord } from './asset-record.ts';

interface SummaryType {
  type: ResourceType;
  nativeType: string;
  /** The sync's state from the search result's `state`; undefined when the result cannot say. */
  state?: (state: string | undefined) => string | undefined;
  /** Google encrypts these at rest whatever the settings. */
  encrypted?: boolean;
}

const ADDRESS_STATES: Readonly<Record<string, string>> = {
  IN_USE: 'in-use',
  RESERVED: 'available',
  RESERVING: 'pending',
};

/** The asset types a search result is summarised for, as the sync types them. */
const SUMMARY_TYPES: Readonly<Record<string, SummaryType>> = {
  'compute.googleapis.com/Instance': {
    type: 'compute.instance',
    nativeType: 'compute.googleapis.com/Instance',
    state: (s) => instanceState(s),
  },
  // A READY disk is in-use or available depending on its users, which a search result omits.
  'compute.googleapis.com/Disk': {
    type: 'compute.volume',
    nativeType: 'compute.googleapis.com/Disk',
    encrypted: true,
  },
  'compute.googleapis.com/Snapshot': {
    type: 'compute.snapshot',
    nativeType: 'compute.googleapis.com/Snapshot',
    state: (s) => snapshotState(s),
    encrypted: true,
  },
  'compute.googleapis.com/Network': {
    type: 'network.vpc',
    nativeType: 'compute.googleapis.com/Network',
    state: () => 'available',
  },
  'compute.googleapis.com/Subnetwork': {
    type: 'network.subnet',
    nativeType: 'compute.googleapis.com/Subnetwork',
    state: (s) => (s === 'DRAINING' ? 'deleting' : 'available'),
  },
  'compute.googleapis.com/Firewall': {
    type: 'network.firewall',
    nativeType: 'compute.googleapis.com/Firewall',
  },
  'compute.googleapis.com/ForwardingRule': {
    type: 'network.loadbalancer',
    nativeType: 'compute.googleapis.com/ForwardingRule',
    state: () => 'available',
  },
  'compute.googleapis.com/GlobalForwardingRule': {
    type: 'network.loadbalancer',
    nativeType: 'compute.googleapis.com/ForwardingRule',
    state: () => 'available',
  },
  'compute.googleapis.com/Address': {
    type: 'network.ip',
    nativeType: 'compute.googleapis.com/Address',
    state: (s) => (s ? (ADDRESS_STATES[s] ?? 'unknown') : undefined),
  },
  'compute.googleapis.com/GlobalAddress': {
    type: 'network.ip',
    nativeType: 'compute.googleapis.com/Address',
    state: (s) => (s ? (ADDRESS_STATES[s] ?? 'unknown') : undefined),
  },
  'storage.googleapis.com/Bucket': {
    type: 'storage.bucket',
    nativeType: 'storage.googleapis.com/Bucket',
    encrypted: true,
  },
  // The activation policy that tells a stopping instance from a running one is not in the result.
  'sqladmin.googleapis.com/Instance': {
    type: 'database.instance',
    nativeType: 'sqladmin.googleapis.com/Instance',
    state: (s) => (s ? sqlState(s, undefined) : undefined),
    encrypted: true,
  },
  'container.googleapis.com/Cluster': {
    type: 'container.cluster',
    nativeType: 'container.googleapis.com/Cluster',
    state: (s) => (s ? clusterState(s) : undefined),
  },
  'cloudfunctions.googleapis.com/CloudFunction': {
    type: 'serverless.function',
    nativeType: 'cloudfunctions.googleapis.com/CloudFunction',
    state: (s) => (s ? functionState(s) : undefined),
  },
  'cloudfunctions.googleapis.com/Function': {
    type: 'serverless.function',
    nativeType: 'cloudfunctions.googleapis.com/Function',
    state: (s) => (s ? functionState(s) : undefined),
  },
  'cloudkms.googleapis.com/CryptoKey': {
    type: 'security.key',
    nativeType: 'cloudkms.googleapis.com/CryptoKey',
  },
  'iam.googleapis.com/ServiceAccount': { type: 'iam.role', nativeType: 'iam.googleapis.com/ServiceAccount' },
};

/** The search-result asset types that can be summarised. */
export const SEARCH_RESULT_TYPES: readonly string[] = Object.keys(SUMMARY_TYPES);

/** What a summary from `search-all-resources` lacks, for the import's notes. */
export const SEARCH_RESULT_GAPS =
  'search-all-resources results carry names, locations, labels, states, creation times and KMS keys only: ' +
  'sizes, public exposure, firewall rules, engines, versions, runtimes and most relationships are unknown ' +
  "(use `gcloud asset export` or `search-all-resources --read-mask='*'` for full attributes)";

/**
 * The asset's name as the sync names it: Cloud SQL assets are `//cloudsql…` where the sync (and
 * SPEC's native types) say `//sqladmin…`; bucket assets are `//storage.googleapis.com/b`, synced
 * buckets `…/projects/_/buckets/b`; service accounts are named by email, GKE clusters by
 * `locations`.
 */
export function syncNativeId(assetType: string, name: string, email?: string): string {
  if (assetType === 'storage.googleapis.com/Bucket')
    return name.replace(
      /^\/\/storage\.googleapis\.com\/(?!projects\/)/,
      '//storage.googleapis.com/projects/_/buckets/',
    );
  if (assetType === 'sqladmin.googleapis.com/Instance') return name.replace(/^\/\/cloudsql\./, '//sqladmin.');
  if (assetType === 'container.googleapis.com/Cluster') return name.replace(/\/zones\//, '/locations/');
  if (assetType === 'iam.googleapis.com/ServiceAccount' && email)
    return name.replace(/\/serviceAccounts\/[^/]+$/, `/serviceAccounts/${email}`);
  return name;
}

/**
 * A Resource from a `ResourceSearchResult` without full data: what the result carries (name,
 * location, labels, state, creation time, network tags, KMS keys), nothing guessed. Undefined
 * for asset types Escher does not model.
 */
export function summariseSearchResult(record: AssetRecord, project: string): Resource | undefined {
  const kind = SUMMARY_TYPES[record.assetType];
  const s = record.search;
  if (!kind || !s) return undefined;
  const email =
    typeof s.additionalAttributes?.['email'] === 'string' ? s.additionalAttributes['email'] : undefined;
  const nativeId = syncNativeId(record.assetType, record.name, email);
  const location = s.location?.toLowerCase() ?? 'global';
  const zonal = /-[a-z]$/.test(location) && record.assetType !== 'storage.googleapis.com/Bucket';
  const key = kmsKeyId(s.kmsKeys?.[0]);
  return gcpResource({
    nativeId,
    account: project,
    region: zonal ? regionOfZone(location) : location,
    zone: zonal ? location : undefined,
    type: kind.type,
    nativeType: kind.nativeType,
    name: email ?? nativeId.split('/').pop() ?? record.name,
    state: kind.state?.(s.state),
    tags: labelsOf(s.labels),
    createdAt: isoTime(s.createTime),
    attributes: {
      networkTags: s.networkTags?.length ? s.networkTags : undefined,
      encrypted: kind.encrypted,
      encryption: kind.encrypted ? (key ? 'customer-managed' : 'google-managed') : undefined,
      kmsKeyName: key,
      status: kind.type === 'compute.instance' ? s.state : undefined,
    },
    relationships: [related('uses-key', key)],
  });
}
