/** AWS tag lists come as `[{Key, Value}]` (EC2, RDS, ELB, IAM) or `[{TagKey, TagValue}]` (KMS). */
export function tagRecord(
  tags: readonly { Key?: string; Value?: string }[] | Record<string, string> | undefined,
): Record<string, string> {
  if (!tags) return {};
  if (!Array.isArray(tags)) return { ...(tags as Record<string, string>) };
  const out: Record<string, string> = {};
  for (const tag of tags as readonly { Key?: string; Value?: string }[]) {
    if (tag.Key !== undefined) out[tag.Key] = tag.Value ?? '';
  }
  return out;
}

/** The `Name` tag, which the AWS console shows as a resource's name. */
export function nameTag(tags: Record<string, string>): string | undefined {
  return tags.Name || tags.name || undefined;
}
