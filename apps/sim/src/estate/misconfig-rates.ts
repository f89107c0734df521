import type { CheckId } from '@escher/protocol';

/**
 * The documented rate at which each SPEC section 6 misconfiguration is generated, as a fraction of
 * the resources the check applies to (docs/simulator.md lists them). The manifest records the
 * exact resources; generators draw `rng.chance(MISCONFIG_RATES[id])` per applicable resource.
 */
export const MISCONFIG_RATES: Readonly<Record<Exclude<CheckId, 'cost.anomaly'>, number>> = {
  'storage.bucket.public': 0.08,
  'storage.bucket.unencrypted': 0.1,
  'storage.bucket.no-versioning': 0.4,
  'network.firewall.open-ssh': 0.12,
  'network.firewall.open-rdp': 0.06,
  'network.firewall.open-all': 0.03,
  'compute.volume.unencrypted': 0.15,
  'compute.volume.unattached': 0.1,
  'compute.instance.public-ip': 0.2,
  'compute.instance.idle': 0.15,
  'compute.snapshot.old': 0.3,
  'compute.snapshot.public': 0.02,
  'database.instance.public': 0.07,
  'database.instance.unencrypted': 0.08,
  'database.instance.no-backup': 0.1,
  'iam.user.no-mfa': 0.3,
  'iam.user.old-access-key': 0.25,
  'iam.root.access-key': 0.5,
  'network.ip.unassociated': 0.2,
  'resource.untagged': 0.12,
  'container.cluster.public-endpoint': 0.3,
  'security.key.no-rotation': 0.35,
  'serverless.function.deprecated-runtime': 0.15,
};

/** Tags every resource should carry (the `resource.untagged` check's default). */
export const REQUIRED_TAGS = ['env', 'owner'] as const;
