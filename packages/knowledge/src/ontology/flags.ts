import type { Resource } from '@escher/protocol';

/**
 * Yes/no properties users ask about in words ("public buckets", "unencrypted disks"), each a
 * predicate over the normalised attributes the providers write (SPEC section 3 and 6).
 */
export const ATTRIBUTE_FLAGS = [
  'public',
  'private',
  'encrypted',
  'unencrypted',
  'unattached',
  'attached',
  'idle',
  'untagged',
] as const;
export type AttributeFlag = (typeof ATTRIBUTE_FLAGS)[number];

/** Words for each flag: strong ones narrow a search, weak ones only favour matches. */
export const FLAG_SYNONYMS: Readonly<
  Record<AttributeFlag, { strong: readonly string[]; weak: readonly string[] }>
> = {
  public: {
    strong: [
      'public',
      'exposed',
      'internet-facing',
      'internet facing',
      'publicly accessible',
      'publicly-accessible',
      'open to the internet',
      'open to the world',
      'world-readable',
      'world readable',
      'internet-exposed',
      'reachable from the internet',
      'publicly exposed',
      'accessible from the internet',
      'accessible from internet',
      'internet accessible',
      'internet-accessible',
      'publicly readable',
      'public access',
      'anonymous access',
      'exposed to the internet',
    ],
    weak: ['open'],
  },
  private: { strong: ['private', 'not public', 'non-public'], weak: ['internal'] },
  encrypted: { strong: ['encrypted', 'encryption enabled'], weak: [] },
  unencrypted: {
    strong: [
      'unencrypted',
      'not encrypted',
      'non-encrypted',
      'without encryption',
      'no encryption',
      'plaintext',
    ],
    weak: ['unprotected'],
  },
  unattached: {
    strong: ['unattached', 'detached', 'orphaned', 'orphan', 'unassociated', 'not attached', 'dangling'],
    weak: [],
  },
  attached: { strong: ['attached', 'associated'], weak: [] },
  idle: { strong: ['idle', 'underutilized', 'underutilised', 'under-utilized'], weak: ['unused', 'wasted'] },
  untagged: {
    strong: ['untagged', 'not tagged', 'without tags', 'missing tags', 'no tags', 'unlabelled', 'unlabeled'],
    weak: [],
  },
};

/** Tag keys that satisfy each required tag of `resource.untagged` (SPEC section 6: env, owner). */
export const REQUIRED_TAG_KEYS: Readonly<Record<string, readonly string[]>> = {
  env: ['env', 'environment', 'stage', 'tier', 'env-name', 'envname'],
  owner: ['owner', 'owned-by', 'ownedby', 'owner-email'],
};

/**
 * Native types whose cloud gives them no tags or labels at all: GCP VPC networks, subnetworks,
 * firewall rules and service accounts (their APIs have no `labels` field) and Azure subnets
 * (child resources without tags). They cannot miss a required tag, so `untagged` skips them.
 */
export const UNTAGGABLE_NATIVE_TYPES: ReadonlySet<string> = new Set([
  'compute.googleapis.com/Network',
  'compute.googleapis.com/Subnetwork',
  'compute.googleapis.com/Firewall',
  'iam.googleapis.com/ServiceAccount',
  'Microsoft.Network/virtualNetworks/subnets',
]);

/**
 * Whether a resource can carry tags at all. Besides the native types above: a provider's
 * `taggable: false`, and AWS managed KMS keys (`customerManaged: false`), which KMS refuses to tag.
 * AWS service-linked roles CAN be tagged (IAM's TagRole accepts them), so they stay in.
 */
export function canCarryTags(resource: Resource): boolean {
  const a = resource.attributes;
  if (a['taggable'] === false) return false;
  if (UNTAGGABLE_NATIVE_TYPES.has(resource.nativeType)) return false;
  return !(resource.type === 'security.key' && resource.cloud === 'aws' && a['customerManaged'] === false);
}

/** Attribute keys that say something is reachable from the internet, per type. */
const PUBLIC_KEYS = ['public', 'endpointPublic', 'openToWorld', 'openSsh', 'openRdp', 'openAll'] as const;

/** Average CPU over 7 days under which a running instance counts as idle (SPEC section 6). */
export const IDLE_CPU_PERCENT = 5;

function hasTag(resource: Resource, keys: readonly string[]): boolean {
  return Object.keys(resource.tags).some((key) => keys.includes(key.toLowerCase()));
}

/**
 * Whether a resource has a flag. Unknown is false both ways: a resource that says nothing about
 * encryption is neither `encrypted` nor `unencrypted`. `idle` reads `attributes.idle` or an
 * average-CPU attribute (`cpuAvg7d`, percent), which metric collection sets — without either it is
 * never idle. `untagged` (SPEC 6 `resource.untagged`: missing env or owner) applies only to
 * resources that can carry tags (`canCarryTags`). `public` on a firewall is any ingress allowed
 * from 0.0.0.0/0 or ::/0 (`openToWorld`, which the providers set for all three clouds).
 */
export function hasFlag(resource: Resource, flag: AttributeFlag): boolean {
  const a = resource.attributes;
  switch (flag) {
    case 'public':
      return PUBLIC_KEYS.some((key) => a[key] === true);
    case 'private':
      return (
        PUBLIC_KEYS.some((key) => typeof a[key] === 'boolean') && !PUBLIC_KEYS.some((key) => a[key] === true)
      );
    case 'encrypted':
      return a['encrypted'] === true;
    case 'unencrypted':
      return a['encrypted'] === false;
    case 'unattached':
      return a['attached'] === false || a['associated'] === false;
    case 'attached':
      return a['attached'] === true || a['associated'] === true;
    case 'idle':
      return (
        a['idle'] === true ||
        (resource.state === 'running' &&
          typeof a['cpuAvg7d'] === 'number' &&
          a['cpuAvg7d'] < IDLE_CPU_PERCENT)
      );
    case 'untagged':
      return (
        canCarryTags(resource) && Object.values(REQUIRED_TAG_KEYS).some((keys) => !hasTag(resource, keys))
      );
  }
}
