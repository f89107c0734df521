import { z } from 'zod';

/**
 * AWS's tag rules common to every service: keys 1–128 characters and not `aws:`-prefixed, values
 * up to 256. Keys and values are untrusted text and only ever travel in SDK request fields.
 */
export const TagKeySchema = z
  .string()
  .min(1)
  .max(128)
  .refine((k) => !k.toLowerCase().startsWith('aws:'), 'tag keys starting with aws: are reserved by AWS');
export const TagValueSchema = z.string().max(256);
export const TagsSchema = z.record(TagKeySchema, TagValueSchema);

/** `{ Key, Value }` pairs (EC2, RDS, ELBv2, IAM, S3 shapes). */
export function tagPairs(tags: Readonly<Record<string, string>>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/**
 * AWS's narrowing of a catalogue schema: every tag key (in `tags`, `remove`, `keys`) must be a
 * valid AWS key. Reported at plan time (dry run) with the offending key.
 */
export function awsTagKeys(
  p: { tags?: Record<string, string>; remove?: string[]; keys?: string[] },
  ctx: z.RefinementCtx,
): void {
  const keys = [...Object.keys(p.tags ?? {}), ...(p.remove ?? []), ...(p.keys ?? [])];
  for (const key of keys) {
    const r = TagKeySchema.safeParse(key);
    if (!r.success)
      ctx.addIssue({
        code: 'custom',
        path: ['tags', key],
        message: r.error.issues[0]?.message ?? 'not an AWS tag key',
      });
  }
}

/** Snapshot tags on AWS: the catalogue's `tags`, plus `name` as the `Name` tag and `description` where the API has no field. */
export function snapshotTags(p: { name?: string; tags?: Record<string, string> }): Record<string, string> {
  return { ...(p.tags ?? {}), ...(p.name ? { Name: p.name } : {}) };
}
