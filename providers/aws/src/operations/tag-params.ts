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
