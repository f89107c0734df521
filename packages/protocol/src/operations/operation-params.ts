import { z } from 'zod';
import type { OperationId } from './operation-catalog.ts';

/**
 * Tags (labels on GCP) as a step writes them. Each cloud narrows the key rules further (AWS
 * reserves `aws:`, Azure forbids `<>%&\?/`, GCP lower-cases and limits to 63 characters) and
 * says so at dry run, before anything changes.
 */
export const OperationTagsSchema = z.record(z.string().min(1).max(512), z.string().max(256));
const TagKeys = z.array(z.string().min(1).max(512));

/**
 * Undo data an operation put in its own `OperationOutcome.undo` (the settings to put back). Its
 * shape belongs to the provider that produced it, which validates it; a playbook never writes
 * it by hand, so the catalogue only says it may be there.
 */
export const RestoreSchema = z.unknown().optional();

const None = z.object({}).strict();

/**
 * A size, portable or cloud-native: `small`, `medium`, `large`, `xlarge` are mapped by each
 * provider to a type of its own (`t3.small`, `Standard_B2s`, `e2-small`…); any other value is
 * taken as the cloud's own name (`m7i.2xlarge`, `Standard_D4s_v5`, `n2-standard-8`, `db-custom-2-7680`)
 * and checked by the provider.
 */
const Size = z.string().min(1).max(128);

/** The portable size names every provider maps (see `Size`). */
export const PORTABLE_SIZES = ['small', 'medium', 'large', 'xlarge'] as const;
export type PortableSize = (typeof PORTABLE_SIZES)[number];

/** A size as the cloud names it: the portable name through `table`, else the value as given. */
export function nativeSize(size: string, table: Readonly<Record<PortableSize, string>>): string {
  return (PORTABLE_SIZES as readonly string[]).includes(size) ? table[size as PortableSize] : size;
}

/** A snapshot or backup copy, the same on every cloud. */
const Snapshot = z
  .object({
    /** The copy's name or identifier; each cloud's default names it after the target and the time. */
    name: z.string().min(1).max(255).optional(),
    /** Text stored with it (where the cloud has no description field, in a `description` tag). */
    description: z.string().max(1024).optional(),
    /** Tags (labels) put on the copy. */
    tags: OperationTagsSchema.optional(),
  })
  .strict();

const Cidrs = z.array(z.string().min(1).max(64));

/**
 * The one params schema of each catalogue operation: what a structured playbook step's `input`
 * must be, whatever the target's cloud, so a playbook is written once for AWS, Azure and GCP.
 * Providers take the schema from here (their `ProviderOperation.params` IS this object) and add
 * only cloud-specific refinements (value rules, the shape of `restore`) that they check at dry run.
 * Options marked "(AWS)" or "(GCP)" are honoured by that cloud and ignored by the others.
 */
export const OPERATION_PARAMS = {
  'compute.instance.start': None,
  /** `force` (AWS): stop without flushing file systems (the instance may lose unwritten data). */
  'compute.instance.stop': z.object({ force: z.boolean().optional() }).strict(),
  'compute.instance.restart': None,
  'compute.instance.delete': None,
  'compute.instance.resize': z.object({ size: Size }).strict(),
  'compute.instance.snapshot': Snapshot,
  'compute.volume.snapshot': Snapshot,
  'compute.volume.delete': None,
  'compute.volume.encrypt': z.object({ key: z.string().min(1).max(2048).optional() }).strict(),
  'compute.snapshot.delete': None,
  /** `accounts` (AWS): also withdraw sharing with named accounts, not only public sharing. */
  'compute.snapshot.restrict': z
    .object({ accounts: z.boolean().optional(), restore: RestoreSchema })
    .strict(),
  'storage.bucket.restrict': z.object({ restore: RestoreSchema }).strict(),
  /**
   * `key`: a customer-managed key (AWS KMS key id/ARN, GCP `projects/…/cryptoKeys/…`); without it
   * the cloud's managed key. `algorithm` and `bucketKey` (AWS) pick SSE-S3/SSE-KMS/DSSE.
   */
  'storage.bucket.encrypt': z
    .object({
      key: z.string().min(1).max(2048).optional(),
      algorithm: z.enum(['AES256', 'aws:kms', 'aws:kms:dsse']).optional(),
      bucketKey: z.boolean().optional(),
      restore: RestoreSchema,
    })
    .strict(),
  /** Versioning on (`enabled`, default true) or off. */
  'storage.bucket.backup': z.object({ enabled: z.boolean().optional(), restore: RestoreSchema }).strict(),
  'database.instance.start': None,
  'database.instance.stop': None,
  /** `forceFailover` (AWS): reboot a Multi-AZ instance by failing over. */
  'database.instance.restart': z.object({ forceFailover: z.boolean().optional() }).strict(),
  'database.instance.snapshot': Snapshot,
  /** Automated backups on (`enabled`, default true) for `retentionDays` (AWS; default 7). */
  'database.instance.backup': z
    .object({
      enabled: z.boolean().optional(),
      retentionDays: z.number().int().min(0).max(35).optional(),
      restore: RestoreSchema,
    })
    .strict(),
  /** `mode` (GCP): drop world-open authorised networks (default) or the public IP altogether. */
  'database.instance.restrict': z
    .object({
      mode: z.enum(['remove-world-networks', 'disable-public-ip']).optional(),
      restore: RestoreSchema,
    })
    .strict(),
  /**
   * `applyImmediately` (AWS; default true): else at the next maintenance window. `tier` (Azure):
   * the flexible-server tier, by default the one the size's family belongs to.
   */
  'database.instance.resize': z
    .object({
      size: Size,
      applyImmediately: z.boolean().optional(),
      tier: z.enum(['Burstable', 'GeneralPurpose', 'MemoryOptimized']).optional(),
    })
    .strict(),
  'container.cluster.start': None,
  'container.cluster.stop': None,
  /** `nodePool` (GCP): one pool only; default every pool. */
  'container.cluster.scale': z
    .object({
      nodeCount: z.number().int().min(0).max(1000),
      nodePool: z.string().min(1).max(63).optional(),
      restore: RestoreSchema,
    })
    .strict(),
  /** `allowCidrs`: who may still reach the API server (office, VPN, CI egress). */
  'container.cluster.restrict': z
    .object({ allowCidrs: Cidrs.min(1).max(200).optional(), restore: RestoreSchema })
    .strict(),
  /**
   * Removes inbound rules open to the whole Internet: only those covering `ports` when given.
   * `rules` (AWS rule specs, Azure rule names) narrows to named rules; `mode` (GCP) disables the
   * rule instead of narrowing its ranges.
   */
  'network.firewall.restrict': z
    .object({
      ports: z.array(z.number().int().min(0).max(65535)).min(1).max(100).optional(),
      rules: z.array(z.unknown()).min(1).max(1000).optional(),
      mode: z.enum(['auto', 'disable', 'remove-world-ranges']).optional(),
      restore: RestoreSchema,
    })
    .strict(),
  'network.ip.delete': None,
  /** Key rotation on, every `rotationPeriodDays` (default 365 on AWS, 90 on GCP). */
  'security.key.encrypt': z
    .object({ rotationPeriodDays: z.number().int().min(0).max(36500).optional(), restore: RestoreSchema })
    .strict(),
  /** Sets `tags` (added or overwritten); `remove` deletes keys in the same step (an undo needs both). */
  'resource.tag': z
    .object({ tags: OperationTagsSchema.default({}), remove: TagKeys.max(50).optional() })
    .strict()
    .refine((p) => Object.keys(p.tags).length > 0 || (p.remove?.length ?? 0) > 0, {
      message: 'give tags to set or keys to remove',
    }),
  /** Removes these keys; keys the resource does not have are skipped. */
  'resource.untag': z.object({ keys: TagKeys.min(1).max(50) }).strict(),
} as const satisfies Record<OperationId, z.ZodType<Record<string, unknown>>>;

/** The params an operation takes, typed per id. */
export type OperationParams<I extends OperationId> = z.infer<(typeof OPERATION_PARAMS)[I]>;

/** The catalogue's schema of one operation (the object every provider's operation exposes). */
export function operationParams<I extends OperationId>(id: I): (typeof OPERATION_PARAMS)[I] {
  return OPERATION_PARAMS[id];
}
