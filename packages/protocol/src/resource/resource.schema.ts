import { z } from 'zod';
import { CloudSchema, EnvironmentSchema, ResourceTypeSchema } from './vocabulary.ts';

export const RelationshipSchema = z.object({
  /** e.g. attached-volume, security-group, in-subnet, in-vpc, lb-target, snapshot-of. */
  kind: z.string().min(1),
  targetId: z.string().min(1),
});
export type Relationship = z.infer<typeof RelationshipSchema>;

/**
 * The resource model every component shares (SPEC section 3). `id` equals `nativeId`:
 * an AWS ARN, an Azure resource ID, or a GCP full resource name.
 */
export const ResourceSchema = z.object({
  id: z.string().min(1),
  nativeId: z.string().min(1),
  cloud: CloudSchema,
  account: z.string().min(1),
  region: z.string().min(1),
  zone: z.string().optional(),
  type: ResourceTypeSchema,
  nativeType: z.string().min(1),
  name: z.string(),
  /** Normalised state (running, stopped, available, …); free-form to tolerate new cloud states. */
  state: z.string().optional(),
  environment: EnvironmentSchema.optional(),
  tags: z.record(z.string(), z.string()),
  createdAt: z.string().optional(),
  attributes: z.record(z.string(), z.unknown()),
  relationships: z.array(RelationshipSchema),
  costMonthly: z.number().nonnegative().optional(),
});
export type Resource = z.infer<typeof ResourceSchema>;
