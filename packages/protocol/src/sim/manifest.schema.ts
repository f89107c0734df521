import { z } from 'zod';
import { CheckIdSchema } from '../resource/check-ids.ts';
import { CloudSchema, ResourceTypeSchema } from '../resource/vocabulary.ts';

const CountsByTypeSchema = z.partialRecord(ResourceTypeSchema, z.number().int().nonnegative());

/**
 * What the simulator generated (`GET /_sim/manifest`): the ground truth that provider contract
 * tests, checkers and benchmarks compare against. Resource ids are SPEC section 3 native ids
 * (ARN, Azure resource ID, GCP full resource name), exactly as providers must produce them.
 */
export const SimManifestSchema = z.object({
  seed: z.number().int(),
  size: z.string(),
  /** The estate's reference instant (ISO 8601); ages and histories are relative to it. */
  epoch: z.string(),
  generatedInMs: z.number(),
  totalResources: z.number().int(),
  accounts: z.record(CloudSchema, z.array(z.object({ id: z.string(), name: z.string() }))),
  regions: z.record(CloudSchema, z.array(z.string())),
  /** Resource counts per cloud, per account, per type. */
  counts: z.record(CloudSchema, z.record(z.string(), CountsByTypeSchema)),
  /** Per check id: the documented target rate and the native ids generated with it. */
  misconfigurations: z.partialRecord(
    CheckIdSchema,
    z.object({ rate: z.number(), count: z.number().int(), resources: z.array(z.string()) }),
  ),
  /** Injected daily-cost anomalies. */
  costAnomalies: z.array(
    z.object({
      cloud: CloudSchema,
      account: z.string(),
      service: z.string(),
      date: z.string(),
      expectedUsd: z.number(),
      actualUsd: z.number(),
    }),
  ),
});
export type SimManifest = z.infer<typeof SimManifestSchema>;
