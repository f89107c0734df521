import { z } from 'zod';

/** Policy check ids of SPEC section 6; findings carry exactly one of these. */
export const CHECK_IDS = [
  'storage.bucket.public',
  'storage.bucket.unencrypted',
  'storage.bucket.no-versioning',
  'network.firewall.open-ssh',
  'network.firewall.open-rdp',
  'network.firewall.open-all',
  'compute.volume.unencrypted',
  'compute.volume.unattached',
  'compute.instance.public-ip',
  'compute.instance.idle',
  'compute.snapshot.old',
  'compute.snapshot.public',
  'database.instance.public',
  'database.instance.unencrypted',
  'database.instance.no-backup',
  'iam.user.no-mfa',
  'iam.user.old-access-key',
  'iam.root.access-key',
  'network.ip.unassociated',
  'resource.untagged',
  'container.cluster.public-endpoint',
  'security.key.no-rotation',
  'serverless.function.deprecated-runtime',
  'cost.anomaly',
] as const;
export const CheckIdSchema = z.enum(CHECK_IDS);
export type CheckId = z.infer<typeof CheckIdSchema>;

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;
